import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../../../../lambdas/local/stack/emulators.ts';
import { expireItems } from '../../../../lambdas/local/stack/expire-items.ts';
import { createTables } from '../../../../lambdas/local/stack/provision-resources.ts';
import type { LocalTable } from '../../../../lambdas/local/stack/template-tables.ts';
import { SERVING_TABLE_KEYS } from '../../../fixtures/serving-table-keys.ts';

const table: LocalTable = {
  stackName: 'S',
  logicalId: 'T',
  input: { TableName: 'serving', ...SERVING_TABLE_KEYS },
  ttlAttribute: 'expiresAt',
};

describe('expireItems', () => {
  let server: Server;
  let client: DynamoDBClient;

  beforeAll(async () => {
    const dynalite = createRequire(import.meta.url)('dynalite') as (o: object) => Server;
    server = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await createTables(client, [table]);
  });

  afterAll(async () => {
    client.destroy();
    await closeServer(server);
  });

  it('deletes the items whose TTL has passed and keeps the rest', async () => {
    const put = (sk: string, expiresAt?: number) =>
      client.send(
        new PutItemCommand({
          TableName: 'serving',
          Item: {
            pk: { S: 'USER#1' },
            sk: { S: sk },
            ...(expiresAt !== undefined && { expiresAt: { N: String(expiresAt) } }),
          },
        }),
      );
    // 60 expired items cross the 25-item batch limit.
    for (let i = 0; i < 60; i++) await put(`RECS#old${String(i).padStart(2, '0')}`, 999);
    await put('RECS#new', 2000);
    await put('RECS#live');

    expect(await expireItems(client, table, 1000)).toBe(60);
    const { Items } = await client.send(new ScanCommand({ TableName: 'serving' }));
    expect(Items?.map((item) => item.sk?.S).sort()).toEqual(['RECS#live', 'RECS#new']);
    expect(await expireItems(client, { ...table, ttlAttribute: undefined }, 3000)).toBe(0);
  });
});
