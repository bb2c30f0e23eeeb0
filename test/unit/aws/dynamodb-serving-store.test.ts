import { beforeEach, describe, expect, it } from 'vitest';
import { servingKeys } from '../../../lambdas/app/serving/serving-keys.ts';
import { createDynamoDbReader } from '../../../lambdas/aws/dynamodb-http-reader.ts';
import { createDynamoServingStore } from '../../../lambdas/aws/dynamodb-serving-store.ts';
import { createSignedSend } from '../../../lambdas/aws/signed-send.ts';
import type { FakeAws } from './fake-aws.ts';
import { createFakeAws, dynamoDbErrorBody } from './fake-aws.ts';

let aws: FakeAws;
const sleeps: number[] = [];
let clock = 0;

const store = () =>
  createDynamoServingStore({
    reader: createDynamoDbReader({
      endpoint: 'https://dynamodb.eu-west-1.amazonaws.com',
      send: createSignedSend({
        service: 'dynamodb',
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
        send: aws.send,
      }),
    }),
    tableName: 'Serving',
    modelCacheMs: 60_000,
    now: () => clock,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });

const pointer = { version: 'v1', publishedAt: '2026-01-01T00:00:00Z', metrics: { rmse: 0.9 } };
const put = (key: { pk: string; sk: string }, record: object) =>
  aws.items.set(`${key.pk}|${key.sk}`, { ...key, ...record });
const calls = (operation: string) => aws.requests.filter((r) => r.operation === operation);
const throttled = () => dynamoDbErrorBody('ProvisionedThroughputExceededException', 'slow down');

beforeEach(() => {
  aws = createFakeAws();
  sleeps.length = 0;
  clock = 0;
});

describe('createDynamoServingStore over signed HTTP', () => {
  it('reads an item by its key and returns the record without keys and TTL', async () => {
    put(servingKeys.movie(1), {
      movieId: 1,
      title: 'Toy Story',
      year: null,
      genres: ['Animation'],
      expiresAt: 5,
    });
    const movies = store();
    expect(await movies.getMovie(1)).toEqual({
      movieId: 1,
      title: 'Toy Story',
      year: null,
      genres: ['Animation'],
    });
    expect(await movies.getMovie(2)).toBeUndefined();
    const [request] = calls('GetItem');
    expect(request?.url).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
    expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request?.body).toEqual({
      TableName: 'Serving',
      Key: { pk: { S: 'MOVIE#1' }, sk: { S: 'META' } },
    });
  });

  it('decodes binary factors and numbers as the document client did', async () => {
    const factors = new Uint8Array(new Float32Array([0.5, -1.25]).buffer);
    put(servingKeys.userVector(7, 'v1'), { version: 'v1', bias: -0.125, factors });
    const vector = await store().getUserVector(7, 'v1');
    expect(vector).toEqual({ version: 'v1', bias: -0.125, factors });
    expect(vector?.factors).toBeInstanceOf(Uint8Array);
  });

  it('retries a throttled GetItem with backoff, then succeeds', async () => {
    put(servingKeys.currentModel(), pointer);
    aws.failNext('GetItem', throttled(), 2);
    expect(await store().getCurrentModel()).toEqual(pointer);
    expect(calls('GetItem')).toHaveLength(3);
    // Full jitter with random 0.5: half of 20 ms, then half of 40 ms.
    expect(sleeps).toEqual([10, 20]);
  });

  it('retries ThrottlingException and 5xx answers too', async () => {
    put(servingKeys.movie(1), { movieId: 1, title: 'Toy Story' });
    aws.failNext('GetItem', dynamoDbErrorBody('ThrottlingException', 'rate exceeded'));
    aws.failNext('GetItem', { status: 500, body: '{"__type":"InternalServerError"}' });
    aws.failNext('GetItem', { status: 503, body: '<html>unavailable</html>' });
    expect(await store().getMovie(1)).toMatchObject({ title: 'Toy Story' });
    expect(calls('GetItem')).toHaveLength(4);
  });

  it('gives up after the attempts and never retries other 4xx errors', async () => {
    aws.failNext('GetItem', throttled(), 4);
    await expect(store().getMovie(1)).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      message: expect.stringContaining('slow down'),
    });
    expect(calls('GetItem')).toHaveLength(4);
    for (const type of [
      'AccessDeniedException',
      'ResourceNotFoundException',
      'ValidationException',
      'UnrecognizedClientException',
    ]) {
      aws = createFakeAws();
      aws.failNext('GetItem', dynamoDbErrorBody(type, `${type} detail`));
      await expect(store().getMovie(1)).rejects.toMatchObject({ name: type, status: 400 });
      expect(calls('GetItem')).toHaveLength(1);
    }
  });

  it('caches the model pointer for the configured time', async () => {
    put(servingKeys.currentModel(), pointer);
    const models = store();
    await models.getCurrentModel();
    clock = 59_999;
    await models.getCurrentModel();
    expect(calls('GetItem')).toHaveLength(1);
    clock = 60_000;
    await models.getCurrentModel();
    expect(calls('GetItem')).toHaveLength(2);
  });

  it('batch-reads movies in chunks of 100 and re-requests unprocessed keys', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    for (const id of ids) put(servingKeys.movie(id), { movieId: id, title: `Movie ${id}` });
    aws.leaveUnprocessed(1);
    const movies = await store().getMovies([...ids, 1, 2, 999]);
    expect([...movies.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect(movies.get(150)).toEqual({ movieId: 150, title: 'Movie 150' });
    const sizes = calls('BatchGetItem').map(
      (request) =>
        (request.body?.RequestItems as { Serving: { Keys: unknown[] } }).Serving.Keys.length,
    );
    expect(sizes).toEqual([100, 1, 51]);
    expect(sleeps).toHaveLength(1);
    expect(await store().getMovies([])).toEqual(new Map());
  });

  it('fails clearly when keys stay unprocessed after every attempt', async () => {
    put(servingKeys.movie(1), { movieId: 1, title: 'Toy Story' });
    for (let i = 0; i < 4; i++) aws.failNext('BatchGetItem', unprocessedOnly());
    await expect(store().getMovies([1])).rejects.toThrow('BatchGetItem left 1 keys unprocessed');
  });

  it('lists model versions newest first across pages', async () => {
    for (const version of ['v1', 'v2', 'v3']) {
      put(servingKeys.modelVersion(version), { version });
    }
    put(servingKeys.currentModel(), pointer);
    aws.queryPageSize = 2;
    expect(await store().listModelVersions()).toEqual([
      { version: 'v3' },
      { version: 'v2' },
      { version: 'v1' },
    ]);
    const [first, second] = calls('Query').map((request) => request.body);
    expect(first).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: 'MODEL' }, ':prefix': { S: 'V#' } },
      ScanIndexForward: false,
    });
    expect(first).not.toHaveProperty('ExclusiveStartKey');
    expect(second?.ExclusiveStartKey).toEqual({ pk: { S: 'MODEL' }, sk: { S: 'V#v2' } });
  });
});

/** A BatchGetItem answer that processed nothing. */
function unprocessedOnly() {
  return {
    status: 200,
    body: JSON.stringify({
      Responses: { Serving: [] },
      UnprocessedKeys: { Serving: { Keys: [{ pk: { S: 'MOVIE#1' }, sk: { S: 'META' } }] } },
    }),
  };
}
