import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { servingKeys } from '../../../lambdas/app/serving/serving-keys.ts';
import { createDynamoServingStore } from '../../../lambdas/aws/dynamodb-serving-store.ts';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(DynamoDBDocumentClient);
const sleeps: number[] = [];
let clock = 0;

const store = () =>
  createDynamoServingStore({
    client,
    tableName: 'Serving',
    modelCacheMs: 60_000,
    now: () => clock,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

const pointer = { version: 'v1', publishedAt: '2026-01-01T00:00:00Z', metrics: { rmse: 0.9 } };

beforeEach(() => {
  ddb.reset();
  sleeps.length = 0;
  clock = 0;
});

describe('createDynamoServingStore', () => {
  it('reads an item by its key and returns the record without keys and TTL', async () => {
    ddb.on(GetCommand, { TableName: 'Serving', Key: servingKeys.movie(1) }).resolves({
      Item: { ...servingKeys.movie(1), movieId: 1, title: 'Toy Story', expiresAt: 5 },
    });
    ddb.on(GetCommand, { Key: servingKeys.movie(2) }).resolves({});
    const movies = store();
    expect(await movies.getMovie(1)).toEqual({ movieId: 1, title: 'Toy Story' });
    expect(await movies.getMovie(2)).toBeUndefined();
  });

  it('retries a throttled GetItem with backoff, then succeeds', async () => {
    ddb
      .on(GetCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ Item: { ...servingKeys.currentModel(), ...pointer } });
    expect(await store().getCurrentModel()).toEqual(pointer);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(3);
    // Full jitter with random 0.5: half of 20 ms, then half of 40 ms.
    expect(sleeps).toEqual([10, 20]);
  });

  it('gives up after the attempts and never retries other errors', async () => {
    ddb.on(GetCommand).rejects(throttled());
    await expect(store().getMovie(1)).rejects.toThrow('slow down');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(4);
    ddb.reset();
    ddb.on(GetCommand).rejects(new Error('AccessDenied'));
    await expect(store().getMovie(1)).rejects.toThrow('AccessDenied');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('caches the model pointer for the configured time', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...servingKeys.currentModel(), ...pointer } });
    const models = store();
    await models.getCurrentModel();
    clock = 59_999;
    await models.getCurrentModel();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
    clock = 60_000;
    await models.getCurrentModel();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('batch-reads movies in chunks of 100 and re-requests unprocessed keys', async () => {
    let first = true;
    ddb
      .on(BatchGetCommand)
      .callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => {
        const keys = input.RequestItems['Serving']!.Keys;
        const [head, ...rest] = keys;
        const served = first ? rest : keys;
        const unprocessed = first ? [head!] : [];
        first = false;
        return {
          Responses: {
            Serving: served.map((key) => ({
              ...key,
              movieId: Number(key.pk.slice(6)),
              title: key.pk,
            })),
          },
          UnprocessedKeys: unprocessed.length > 0 ? { Serving: { Keys: unprocessed } } : {},
        };
      });
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const movies = await store().getMovies([...ids, 1, 2]);
    expect([...movies.keys()].sort((a, b) => a - b)).toEqual(ids);
    const sizes = ddb
      .commandCalls(BatchGetCommand)
      .map((call) => call.args[0].input.RequestItems!['Serving']!.Keys!.length);
    expect(sizes).toEqual([100, 1, 50]);
    expect(sleeps).toHaveLength(1);
    expect(await store().getMovies([])).toEqual(new Map());
  });

  it('lists model versions newest first across pages', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ pk: 'MODEL', sk: 'V#v2', version: 'v2' }],
        LastEvaluatedKey: { pk: 'MODEL', sk: 'V#v2' },
      })
      .resolvesOnce({ Items: [{ pk: 'MODEL', sk: 'V#v1', version: 'v1' }] });
    expect(await store().listModelVersions()).toEqual([{ version: 'v2' }, { version: 'v1' }]);
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'MODEL', ':prefix': 'V#' },
      ScanIndexForward: false,
    });
    expect(second?.ExclusiveStartKey).toEqual({ pk: 'MODEL', sk: 'V#v2' });
  });
});
