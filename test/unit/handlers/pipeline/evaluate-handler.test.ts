import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
const body = (text: string) =>
  ({
    transformToByteArray: () => Promise.resolve(new TextEncoder().encode(text)),
  }) as unknown as GetObjectCommandOutput['Body'];
const manifest = (rmse: number) =>
  JSON.stringify({
    version: 'v2',
    dataset: { name: 'ml-latest-small' },
    metrics: { rmse, 'ndcg@10': 0.3 },
  });

let handler: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  vi.stubEnv('BUCKET_NAME', 'data-bucket');
  vi.stubEnv('TABLE_NAME', 'serving-table');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../../lambdas/handlers/pipeline/evaluate.ts'));
});

beforeEach(() => {
  s3.reset();
  ddb.reset();
});

describe('evaluate handler', () => {
  it('reads the manifest from the bound bucket and the live pointer from the bound table', async () => {
    s3.on(GetObjectCommand, { Bucket: 'data-bucket', Key: 'models/v2/manifest.json' }).resolves({
      Body: body(manifest(0.95)),
    });
    ddb
      .on(GetCommand, { TableName: 'serving-table', Key: { pk: 'MODEL', sk: 'CURRENT' } })
      .resolves({
        Item: { version: 'v1', metrics: { rmse: 0.85, 'ndcg@10': 0.3 }, publishedAt: 't' },
      })
      .on(GetCommand, { Key: { pk: 'MODEL', sk: 'V#v1' } })
      .resolves({ Item: { dataset: { name: 'ml-latest-small' } } });

    const result = await handler({ version: 'v2' });
    expect(result).toMatchObject({ passed: false, liveVersion: 'v1', version: 'v2' });
    expect((result as { cause: string }).cause).toMatch(/rmse 0\.9500 vs live 0\.8500/);
    expect(await handler({ version: 'v2', force: true })).toMatchObject({ passed: true });
  });

  it('rejects malformed state input with a named error before calling AWS', async () => {
    await expect(handler({ version: 42 })).rejects.toMatchObject({
      name: 'InvalidStepInputError',
      message: expect.stringContaining('version') as unknown,
    });
    expect(s3.calls()).toHaveLength(0);
  });
});
