import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expireItems } from '../../../../lambdas/local/stack/expire-items.ts';
import { createTables } from '../../../../lambdas/local/stack/provision-resources.ts';
import type { LocalTable } from '../../../../lambdas/local/stack/template-tables.ts';
import { SERVING_TABLE_KEYS } from '../../../fixtures/serving-table-keys.ts';
import { useDynalite } from '../../../fixtures/use-dynalite.ts';

const table: LocalTable = {
  stackName: 'S',
  logicalId: 'T',
  input: { TableName: 'serving', ...SERVING_TABLE_KEYS },
  ttlAttribute: 'expiresAt',
};

describe('expireItems', () => {
  const dynamodb = useDynalite();
  let client: DynamoDBClient;

  beforeAll(async () => {
    client = dynamodb();
    await createTables(client, [table]);
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
