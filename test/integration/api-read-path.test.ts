import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelObjectKeys } from '../../lambdas/app/serving/serving-artifacts.ts';
import { servingKeys } from '../../lambdas/app/serving/serving-keys.ts';
import type { AwsEnvironment } from '../../lambdas/aws/aws-environment.ts';
import { awsEnvironment } from '../../lambdas/aws/aws-environment.ts';
import type { DynamoDbReader } from '../../lambdas/aws/dynamodb-http-reader.ts';
import { createDynamoDbReader } from '../../lambdas/aws/dynamodb-http-reader.ts';
import { createS3ObjectReader } from '../../lambdas/aws/s3-object-reader.ts';
import { createSignedSend } from '../../lambdas/aws/signed-send.ts';
import { createApiHandler } from '../../lambdas/handlers/api/api-handler.ts';
import type { ServingFixture } from '../unit/app/serving/serving-fixture.ts';
import { VERSION } from '../unit/app/serving/serving-fixture.ts';
import {
  BUCKET,
  CREDENTIALS,
  REGION,
  startPublishedServing,
  TABLE,
} from '../fixtures/published-serving.ts';

/**
 * The API's read path over the real wire protocols: the pipeline's SDK adapters write a serving
 * table to dynalite and model files to s3rver (which checks SigV4 signatures), then the signed
 * HTTP readers and the API handler read them back on loopback.
 */
// Powertools reads these from process.env when the handler is created.
Object.assign(process.env, { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' });
const credentials = CREDENTIALS;

let fixture: ServingFixture;
let env: Record<string, string>;
let aws: AwsEnvironment;
let dynamodb: DynamoDbReader;
let close: () => Promise<void>;

beforeAll(async () => {
  const serving = await startPublishedServing('api-read-path', { topTags: [] });
  ({ fixture, env, close } = serving);
  aws = awsEnvironment(env);
  dynamodb = createDynamoDbReader({
    endpoint: aws.dynamodbEndpoint,
    send: createSignedSend({ service: 'dynamodb', region: REGION, credentials }),
  });
}, 60_000);

afterAll(async () => close?.());

const item = (key: { pk: string; sk: string }) =>
  fixture.items.get(`${key.pk}|${key.sk}`) as Record<string, unknown>;

describe('signed DynamoDB JSON protocol against dynalite', () => {
  it('GetItem returns numbers, lists, maps and binary as written; absent keys give no item', async () => {
    const userId = fixture.dataset.userIds[0]!;
    for (const key of [
      servingKeys.userVector(userId, VERSION),
      servingKeys.userRecommendations(userId, VERSION),
      servingKeys.movie(fixture.dataset.itemIds[0]!),
    ]) {
      const { Item } = await dynamodb.getItem({ TableName: TABLE, Key: key });
      expect(Item).toEqual(item(key));
    }
    const vector = await dynamodb.getItem({
      TableName: TABLE,
      Key: servingKeys.userVector(userId, VERSION),
    });
    expect(vector.Item?.factors).toBeInstanceOf(Uint8Array);
    expect(await dynamodb.getItem({ TableName: TABLE, Key: servingKeys.movie(424242) })).toEqual(
      {},
    );
  });

  it('BatchGetItem returns the 100 keys asked for, missing ones absent', async () => {
    const ids = [...fixture.dataset.itemIds, 424242];
    const keys = ids.map((id) => servingKeys.movie(id));
    const out = await dynamodb.batchGetItem({ RequestItems: { [TABLE]: { Keys: keys } } });
    expect(out.UnprocessedKeys).toEqual({});
    const found = out.Responses[TABLE]!;
    expect(found).toHaveLength(fixture.dataset.itemIds.length);
    expect(found.map((movie) => movie.movieId).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from(fixture.dataset.itemIds).sort((a, b) => a - b),
    );
  });

  it('Query pages with Limit and ExclusiveStartKey, newest version first', async () => {
    const query = {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'MODEL', ':prefix': 'V#' },
      ScanIndexForward: false,
      Limit: 1,
    };
    const first = await dynamodb.query(query);
    expect(first.Items.map((v) => v.version)).toEqual([VERSION]);
    expect(first.LastEvaluatedKey).toEqual(servingKeys.modelVersion(VERSION));
    const second = await dynamodb.query({ ...query, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second.Items.map((v) => v.version)).toEqual(['v20251201T000000Z']);
    const rest = await dynamodb.query({ ...query, ExclusiveStartKey: second.LastEvaluatedKey });
    expect(rest.Items).toEqual([]);
    expect(rest.LastEvaluatedKey).toBeUndefined();
  });

  it('maps a service error to its __type', async () => {
    await expect(
      dynamodb.getItem({ TableName: 'NoSuchTable', Key: servingKeys.movie(1) }),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', status: 400, transient: false });
  });
});

describe('signed S3 GetObject against s3rver', () => {
  const reader = (accessKeyId: string) =>
    createS3ObjectReader({
      bucket: BUCKET,
      objectUrl: aws.s3ObjectUrl,
      send: createSignedSend({
        service: 's3',
        region: REGION,
        credentials: { accessKeyId, secretAccessKey: 'S3RVER' },
      }),
    });

  it('reads an object path-style, byte for byte; a missing key is undefined', async () => {
    const [name, bytes] = [...fixture.files][0]!;
    expect(aws.s3ObjectUrl(BUCKET, `models/${VERSION}/${name}`)).toBe(
      `${env.AWS_ENDPOINT_URL_S3}/${BUCKET}/models/${VERSION}/${name}`,
    );
    expect(await reader('S3RVER').getObject(modelObjectKeys.file(VERSION, name))).toEqual(bytes);
    expect(await reader('S3RVER').getObject('models/none/manifest.json')).toBeUndefined();
  });

  it('maps an S3 error answer (XML) to its code', async () => {
    // s3rver parses the SigV4 Authorization header and checks the key id, not the signature
    // itself (test/unit/aws/signed-send.test.ts compares signatures with the SDK's signer).
    await expect(
      reader('UNKNOWNKEY').getObject(modelObjectKeys.manifest(VERSION)),
    ).rejects.toMatchObject({ name: 'InvalidAccessKeyId', status: 403, transient: false });
  });
});

describe('the API handler on the emulators', () => {
  const handler = () => createApiHandler({ env });
  const lambdaContext = { functionName: 'api', awsRequestId: 'r1' } as unknown as Context;

  async function get(
    api: ReturnType<typeof handler>,
    path: string,
    query?: Record<string, string>,
  ) {
    const response = (await api(
      {
        version: '2.0',
        routeKey: '$default',
        rawPath: path,
        rawQueryString: new URLSearchParams(query).toString(),
        headers: {},
        ...(query && { queryStringParameters: query }),
        isBase64Encoded: false,
        requestContext: { http: { method: 'GET', path } },
      } as unknown as APIGatewayProxyEventV2,
      lambdaContext,
    )) as APIGatewayProxyStructuredResultV2;
    return {
      status: response.statusCode,
      body: JSON.parse(response.body ?? '{}') as Record<string, unknown>,
    };
  }

  it('answers every read route from the table and the bucket', async () => {
    const api = handler();
    expect(await get(api, '/api/health')).toEqual({
      status: 200,
      body: { status: 'ok', model: fixture.pointer },
    });
    const model = await get(api, '/api/model');
    expect(model.status).toBe(200);
    expect((model.body.versions as unknown[]).length).toBe(2);
    const movieId = fixture.dataset.itemIds[1]!;
    expect(await get(api, `/api/movies/${movieId}`)).toMatchObject({
      status: 200,
      body: { movieId, title: 'Heat' },
    });
    const search = await get(api, '/api/movies', { query: 'finding nemo', limit: '2' });
    expect(search).toMatchObject({ status: 200, body: { movies: [{ title: 'Finding Nemo' }] } });
    const userId = fixture.dataset.userIds[0]!;
    const recs = await get(api, `/api/users/${userId}/recommendations`, { limit: '3' });
    expect(recs.status).toBe(200);
    expect(recs.body.movies).toHaveLength(3);
    const prediction = await get(api, `/api/users/${userId}/predictions/${movieId}`);
    expect(prediction.status).toBe(200);
    expect(prediction.body.prediction).toBeCloseTo(fixture.version.rating.predict(0, 1), 5);
    expect(await get(api, '/api/dashboard')).toEqual({
      status: 200,
      body: {
        version: VERSION,
        collectedSinceTraining: 0,
        dataset: { name: 'synthetic' },
        topTags: [],
      },
    });
    expect((await get(api, '/api/movies/424242')).status).toBe(404);
  });
});
