import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_FILE } from '../../../../lambdas/app/serving/serving-artifacts.ts';
import { servingKeys } from '../../../../lambdas/app/serving/serving-keys.ts';
import { createApiHandler } from '../../../../lambdas/handlers/api/api-handler.ts';
import { API_PATHS } from '../../../../lambdas/handlers/api/api-paths.ts';
import { SHARED_CACHE_CONTROL } from '../../../../lambdas/handlers/api/router.ts';
import { apiRoutes } from '../../../../lambdas/handlers/api/routes.ts';
import type { ServingFixture } from '../../app/serving/serving-fixture.ts';
import { buildServingFixture, UNKNOWN_USER, VERSION } from '../../app/serving/serving-fixture.ts';
import type { FakeAws } from '../../aws/fake-aws.ts';
import { createFakeAws, dynamoDbErrorBody, s3ErrorBody } from '../../aws/fake-aws.ts';

// Powertools reads its settings when the handler is created.
Object.assign(process.env, {
  POWERTOOLS_METRICS_NAMESPACE: 'MovieRecTest',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});

/**
 * The API's Lambda handler as Lambda runs it, with DynamoDB and S3 behind a fake HttpSend that
 * answers the real wire formats (test/unit/aws/fake-aws.ts): every route, every 4xx the API
 * answers, AWS errors and throttling.
 */
let aws: FakeAws;
const handler = createApiHandler({
  env: {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'token',
    TABLE_NAME: 'Serving',
    BUCKET_NAME: 'data-bucket',
    ALLOWED_ORIGIN: 'https://movies.example.com',
    ALLOW_LOCALHOST: 'true',
    // Re-read the pointer on every request, so tests can unpublish between requests.
    MODEL_CACHE_SECONDS: '0',
  },
  send: (request) => aws.send(request),
});
let fixture: ServingFixture;

const dashboard = {
  dataset: { name: 'synthetic', ratings: 900, users: 60, movies: 40, tags: 0 },
  ratingHistogram: [{ rating: 0.5, count: 3 }],
  ratingsPerYear: [{ year: 2001, count: 900, mean: 3.5 }],
  genres: [{ genre: 'Drama', movies: 10, ratings: 300, mean: 3.6 }],
  genreYears: [{ genre: 'Drama', year: 2001, count: 300, mean: 3.6 }],
  activityHeatmap: Array.from({ length: 168 }, (_, cell) => ({
    day: Math.floor(cell / 24),
    hour: cell % 24,
    count: cell === 0 ? 900 : 0,
  })),
  userActivity: [{ from: 8, to: 16, users: 60 }],
  moviesPerDecade: [{ decade: 1990, movies: 40 }],
  topMovies: [{ movieId: 1, title: 'Toy Story', count: 50, mean: 4, score: 3.9 }],
  topByCount: [{ movieId: 1, title: 'Toy Story', count: 50, mean: 4, score: 3.9 }],
  topTags: [{ tag: 'pixar', count: 2, movies: [{ movieId: 1, title: 'Toy Story', count: 2 }] }],
};

beforeAll(async () => {
  fixture = await buildServingFixture();
});

beforeEach(() => {
  aws = createFakeAws();
  for (const [key, item] of fixture.items) aws.items.set(key, item);
  for (const [name, bytes] of fixture.files) {
    aws.objects.set(`data-bucket/models/${VERSION}/${name}`, bytes);
  }
  aws.objects.set(
    `data-bucket/models/${VERSION}/${DASHBOARD_FILE}`,
    new TextEncoder().encode(JSON.stringify(dashboard)),
  );
});

const calls = (operation: string) => aws.requests.filter((r) => r.operation === operation);

interface Request {
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}

function event(method: string, path: string, request: Request = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query).toString(),
    headers: request.headers ?? {},
    ...(request.query && { queryStringParameters: request.query }),
    ...(request.body !== undefined && { body: request.body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

const lambdaContext = {
  functionName: 'api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
  memoryLimitInMB: '1024',
  awsRequestId: 'aws-request-1',
  logGroupName: 'logs',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

async function call(method: string, path: string, request: Request = {}) {
  const response = (await handler(
    event(method, path, request),
    lambdaContext,
  )) as APIGatewayProxyStructuredResultV2;
  const type = String(response.headers?.['content-type'] ?? '');
  const text = response.body ?? '';
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    text,
    // Response JSON, asserted field by field: a loose type keeps the assertions readable.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (type.startsWith('application/json') ? JSON.parse(text) : {}) as Record<string, any>,
  };
}

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/recommendations', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

const user = () => fixture.dataset.userIds[0]!;
const movie = (item: number) => fixture.dataset.itemIds[item]!;

describe('API handler: happy paths', () => {
  it('GET /health', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', model: fixture.pointer });
  });

  it('GET /model', async () => {
    const res = await call('GET', '/model');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: VERSION, metrics: fixture.pointer.metrics });
    expect(res.body.versions.map((v: { version: string }) => v.version)).toEqual([
      VERSION,
      'v20251201T000000Z',
    ]);
    expect(res.body.details).toMatchObject({
      version: VERSION,
      metrics: fixture.pointer.metrics,
      lossHistory: { rating: [0.9, 0.8], ranking: [] },
    });
    // An entry written before loss curves were recorded answers empty curves.
    expect(res.body.versions[1]).toMatchObject({
      metrics: { rmse: 1 },
      lossHistory: { rating: [], ranking: [] },
    });
  });

  it("GET /dashboard: the live version's figures, read from S3 once per version", async () => {
    const res = await call('GET', '/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: VERSION, collectedSinceTraining: 0, ...dashboard });
    await call('GET', '/dashboard');
    const reads = calls('GetObject').filter((r) => r.url.endsWith(DASHBOARD_FILE));
    expect(reads.map((r) => r.url)).toEqual([
      `https://data-bucket.s3.eu-west-1.amazonaws.com/models/${VERSION}/${DASHBOARD_FILE}`,
    ]);
  });

  it('GET /dashboard: profile ratings collected since the live version read them', async () => {
    const stats = servingKeys.ratingsCollected();
    aws.items.set(`${stats.pk}|${stats.sk}`, { ...stats, n: 12 });
    expect((await call('GET', '/dashboard')).body.collectedSinceTraining).toBe(12);
    const record = servingKeys.modelVersion(VERSION);
    const key = `${record.pk}|${record.sk}`;
    aws.items.set(key, { ...aws.items.get(key)!, sources: { ratingsCollectedAtIngest: 5 } });
    expect((await call('GET', '/dashboard')).body.collectedSinceTraining).toBe(7);
    aws.items.set(key, { ...aws.items.get(key)!, sources: { ratingsCollectedAtIngest: 20 } });
    expect((await call('GET', '/dashboard')).body.collectedSinceTraining).toBe(0);
  });

  it('GET /movies?query= (fuzzy) and the /api prefix CloudFront forwards', async () => {
    const res = await call('GET', '/api/movies', { query: { query: 'finding nmo', limit: '3' } });
    expect(res.status).toBe(200);
    expect(res.body.movies[0]).toMatchObject({ movieId: movie(2), title: 'Finding Nemo' });
    expect(res.body.movies.length).toBeLessThanOrEqual(3);
  });

  it('GET /movies/{id}', async () => {
    const res = await call('GET', `/movies/${movie(1)}`);
    expect(res).toMatchObject({ status: 200, body: { movieId: movie(1), title: 'Heat' } });
  });

  it('GET /movies/{id}/similar', async () => {
    const res = await call('GET', `/movies/${movie(0)}/similar`, { query: { limit: '4' } });
    expect(res.status).toBe(200);
    expect(res.body.movies).toHaveLength(4);
    expect(res.body.movies[0]).toEqual(
      expect.objectContaining({
        movieId: expect.any(Number),
        title: expect.any(String),
        score: expect.any(Number),
      }),
    );
  });

  it('GET /popular?genre=', async () => {
    const res = await call('GET', '/popular', { query: { genre: 'drama', limit: '3' } });
    expect(res.status).toBe(200);
    expect(res.body.genre).toBe('Drama');
    for (const entry of res.body.movies) expect(entry.genres).toContain('Drama');
  });

  it('GET /users/{id}/recommendations for a known and an unknown user', async () => {
    const known = await call('GET', `/users/${user()}/recommendations`, { query: { limit: '5' } });
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ userId: user(), coldStart: false, version: VERSION });
    expect(known.body.movies).toHaveLength(5);
    const unknown = await call('GET', `/users/${UNKNOWN_USER}/recommendations`);
    expect(unknown.status).toBe(200);
    expect(unknown.body.coldStart).toBe(true);
    expect(unknown.body.movies.length).toBeGreaterThan(0);
  });

  it('POST /recommendations folds an anonymous visitor in', async () => {
    const res = await postJson({
      ratings: [{ title: 'Toy Story', rating: 5 }, { movieId: movie(1) }],
      limit: 4,
    });
    expect(res.status).toBe(200);
    expect(res.body.basedOn.map((m: { movieId: number }) => m.movieId)).toEqual([
      movie(0),
      movie(1),
    ]);
    expect(res.body.movies).toHaveLength(4);
  });

  it('GET /users/{id}/predictions/{movieId}', async () => {
    const res = await call('GET', `/users/${user()}/predictions/${movie(3)}`);
    expect(res.status).toBe(200);
    const { parts, prediction } = res.body;
    const raw = parts.globalMean + parts.userBias + parts.itemBias + parts.dot;
    expect(prediction).toBeCloseTo(Math.min(5, Math.max(0.5, raw)), 5);
    expect(prediction).toBeCloseTo(fixture.version.rating.predict(0, 3), 5);
  });

  it('GET /openapi.json documents every route with its schemas', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of API_PATHS) {
      expect(
        res.body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    const search = res.body.paths['/movies'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual([
      'query',
      'genre',
      'limit',
    ]);
    expect(search.parameters[2].schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 10,
    });
    const post = res.body.paths['/recommendations'].post;
    expect(post.requestBody.content['application/json'].schema.properties.ratings.maxItems).toBe(
      50,
    );
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '413', '415', '503']);
    // Every POST and PUT declares the body hash CloudFront's origin access control signs.
    const contentSha256 = {
      name: 'x-amz-content-sha256',
      in: 'header',
      required: true,
      schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    };
    for (const route of API_PATHS) {
      const parameters: { name: string }[] =
        res.body.paths[route.path][route.method.toLowerCase()].parameters ?? [];
      const hash = parameters.filter((p) => p.name === 'x-amz-content-sha256');
      expect(hash, `${route.method} ${route.path}`).toEqual(
        route.method === 'POST' || route.method === 'PUT'
          ? [expect.objectContaining(contentSha256)]
          : [],
      );
    }
    const schemaOf = (path: string) =>
      res.body.paths[path].get.responses['200'].content['application/json'].schema;
    expect(schemaOf('/dashboard').required).toEqual(
      expect.arrayContaining(['version', 'genreYears', 'activityHeatmap', 'topByCount', 'topTags']),
    );
    expect(Object.keys(res.body.paths['/dashboard'].get.responses).sort()).toEqual(['200', '503']);
    expect(schemaOf('/health').properties.model.anyOf).toContainEqual({ type: 'null' });
    expect(schemaOf('/model').properties.versions.items.required).toEqual(
      expect.arrayContaining(['version', 'metrics', 'lossHistory']),
    );
    expect(res.body.components.securitySchemes.profileToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const rate = res.body.paths['/profiles/{profileId}/ratings/{movieId}'].put;
    expect(rate.security).toEqual([{ profileToken: [] }]);
    expect(Object.keys(rate.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '413', '415', '429', '503'].sort(),
    );
    expect(rate.responses['429'].headers['Retry-After']).toBeDefined();
    expect(Object.keys(res.body.paths['/profiles'].post.responses)).toEqual(['201', '429']);
    expect(res.body.paths['/profiles'].post.security).toBeUndefined();
    expect(Object.keys(res.body.paths['/profiles/{profileId}'].delete.responses)).toContain('204');
    expect(res.body.paths['/movies/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
  });

  it('GET /docs is gone: Swagger UI on the site renders /openapi.json, whose server is /api', async () => {
    expect((await call('GET', '/api/docs')).status).toBe(404);
    const res = await call('GET', '/api/openapi.json');
    expect(res.body.servers).toEqual([{ url: '/api' }]);
  });
});

describe('API handler: errors', () => {
  const expectError = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  };

  it('400 with the field path for bad path, query and body values', async () => {
    const badId = await call('GET', '/movies/abc');
    expectError(badId, 400, 'validation_failed');
    expect(badId.body.error.message).toMatch(/^path\.id: /);
    const badLimit = await call('GET', '/popular', { query: { limit: '1000' } });
    expectError(badLimit, 400, 'validation_failed');
    expect(badLimit.body.error.message).toMatch(/query\.limit/);
    const unknownParam = await call('GET', '/movies', { query: { qeury: 'heat' } });
    expectError(unknownParam, 400, 'validation_failed');
    const badRating = await postJson({ ratings: [{ title: 'Heat', rating: 'five' }] });
    expectError(badRating, 400, 'validation_failed');
    expect(badRating.body.error.message).toMatch(/body\.ratings\.0\.rating/);
    expectError(await postJson({ ratings: [] }), 400, 'validation_failed');
    expectError(
      await postJson({ ratings: [{ title: 'Heat', movieId: 1 }] }),
      400,
      'validation_failed',
    );
    expectError(await postJson('{"ratings": ['), 400, 'invalid_json');
    expectError(await call('GET', '/movies/%E0%A4%A'), 400, 'validation_failed');
  });

  it('400 naming the entry for a title nothing matches or a rating off the scale', async () => {
    const res = await postJson({ ratings: [{ title: 'Heat' }, { title: 'zzzzqqqqxxxxwwww' }] });
    expectError(res, 400, 'unknown_title');
    expect(res.body.error.message).toMatch(/^body\.ratings\.1\.title: /);
    expectError(
      await postJson({ ratings: [{ title: 'Heat', rating: 9 }] }),
      400,
      'rating_out_of_scale',
    );
  });

  it('404 for unknown ids, genres and routes', async () => {
    expectError(await call('GET', '/movies/424242'), 404, 'unknown_movie');
    expectError(await call('GET', '/movies/424242/similar'), 404, 'unknown_movie');
    expectError(await call('GET', `/users/${user()}/predictions/424242`), 404, 'unknown_movie');
    expectError(await call('GET', '/popular', { query: { genre: 'Opera' } }), 404, 'unknown_genre');
    expectError(await call('GET', '/nothing/here'), 404, 'route_not_found');
  });

  it('405 with Allow for a known path and the wrong method', async () => {
    const res = await call('DELETE', '/movies/1');
    expectError(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET');
    expect((await call('GET', '/recommendations')).headers.allow).toBe('POST');
  });

  it('413 for a body over 16 KiB, 415 for a body that is not JSON', async () => {
    const big = { ratings: [{ title: 'x'.repeat(20_000) }] };
    expectError(await postJson(big), 413, 'payload_too_large');
    const res = await call('POST', '/recommendations', {
      body: 'ratings=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(res, 415, 'unsupported_media_type');
    expectError(
      await call('POST', '/recommendations', { body: '{}' }),
      415,
      'unsupported_media_type',
    );
  });

  it('503 with a clear message before any model is published', async () => {
    aws.items.delete('MODEL|CURRENT');
    const res = await call('GET', `/users/${user()}/recommendations`);
    expectError(res, 503, 'model_unavailable');
    expect(res.body.error.message).toMatch(/No model has been published/);
    expect(res.headers['retry-after']).toBe('30');
    expectError(await call('GET', '/model'), 503, 'model_unavailable');
    expectError(await postJson({ ratings: [{ title: 'Heat' }] }), 503, 'model_unavailable');
    expectError(await call('GET', '/dashboard'), 503, 'model_unavailable');
    expect((await call('GET', '/health')).body).toEqual({ status: 'ok', model: null });
  });

  it('503 when the published version has no artifacts in the bucket', async () => {
    aws.items.set('MODEL|CURRENT', {
      pk: 'MODEL',
      sk: 'CURRENT',
      ...fixture.pointer,
      version: 'v-missing',
    });
    const res = await call('GET', '/movies', { query: { query: 'heat' } });
    expectError(res, 503, 'model_unavailable');
    expect(res.body.error.message).toMatch(/v-missing/);
    expectError(await call('GET', '/dashboard'), 503, 'model_unavailable');
  });

  it('500 without details when the table or the bucket refuses', async () => {
    for (const type of [
      'AccessDeniedException',
      'ResourceNotFoundException',
      'ValidationException',
    ]) {
      aws.failNext('GetItem', dynamoDbErrorBody(type, 'secret detail'));
      const res = await call('GET', `/movies/${movie(1)}`);
      expectError(res, 500, 'internal_error');
      expect(res.body.error.message).not.toContain('secret');
    }
    // A version this container has not loaded yet, so the handler reads its manifest.
    aws.items.set('MODEL|CURRENT', {
      pk: 'MODEL',
      sk: 'CURRENT',
      ...fixture.pointer,
      version: 'v2',
    });
    aws.failNext('GetObject', s3ErrorBody(403, 'AccessDenied', 'secret detail'));
    const res = await call('GET', '/movies', { query: { query: 'heat' } });
    expectError(res, 500, 'internal_error');
    expect(res.body.error.message).not.toContain('secret');
  });
});

describe('API handler: resilience and CORS', () => {
  it('retries a throttled GetItem and answers 200', async () => {
    aws.failNext(
      'GetItem',
      dynamoDbErrorBody('ProvisionedThroughputExceededException', 'slow down'),
    );
    const res = await call('GET', `/movies/${movie(1)}`);
    expect(res.status).toBe(200);
    expect(calls('GetItem')).toHaveLength(2);
  });

  it('retries a throttled and a partly unprocessed BatchGetItem', async () => {
    aws.failNext('BatchGetItem', dynamoDbErrorBody('ThrottlingException', 'rate exceeded'));
    aws.leaveUnprocessed(2);
    const res = await call('GET', '/popular', { query: { limit: '5' } });
    expect(res.status).toBe(200);
    expect(res.body.movies).toHaveLength(5);
    expect(calls('BatchGetItem')).toHaveLength(3);
  });

  it('signs every request for the region with the session token', async () => {
    await call('GET', `/users/${user()}/predictions/${movie(3)}`);
    expect(aws.requests.length).toBeGreaterThan(0);
    for (const request of aws.requests) {
      expect(request.headers['x-amz-security-token']).toBe('token');
      expect(request.headers['authorization']).toContain(
        `/eu-west-1/${request.service}/aws4_request`,
      );
    }
  });

  it('allows the site origin and localhost, nothing else', async () => {
    const site = await call('GET', '/health', {
      headers: { origin: 'https://movies.example.com' },
    });
    expect(site.headers['access-control-allow-origin']).toBe('https://movies.example.com');
    const local = await call('GET', '/health', { headers: { origin: 'http://localhost:5173' } });
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await call('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await call('OPTIONS', '/recommendations', {
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, x-amz-content-sha256',
    );
  });
});

describe('API handler: the hybrid alpha', () => {
  const expectError = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  };
  const ratings = [{ title: 'Toy Story', rating: 5 }, { title: 'Heat' }];

  it('GET /movies/{id}/similar?alpha= gives different lists at 0 and 1', async () => {
    const at = (alpha: string) =>
      call('GET', `/movies/${movie(0)}/similar`, { query: { limit: '5', alpha } });
    const [content, collaborative] = [await at('0'), await at('1')];
    expect([content.status, collaborative.status]).toEqual([200, 200]);
    expect(content.body.alpha).toBe(0);
    expect(content.body.movies).toHaveLength(5);
    const ids = (res: typeof content) => res.body.movies.map((m: { movieId: number }) => m.movieId);
    expect(ids(content)).not.toEqual(ids(collaborative));
  });

  it('POST /recommendations takes alpha in the body', async () => {
    const content = await postJson({ ratings, limit: 5, alpha: 0 });
    expect(content.status).toBe(200);
    expect(content.body.alpha).toBe(0);
    expect((await postJson({ ratings, limit: 5 })).body.alpha).toBe(1);
  });

  it('400 with the error body for alpha outside [0, 1] or not a number', async () => {
    for (const alpha of ['-0.1', '1.01', 'abc', '']) {
      const res = await call('GET', `/movies/${movie(0)}/similar`, { query: { alpha } });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.message).toMatch(/query\.alpha/);
    }
    for (const alpha of [-1, 2, '0.5']) {
      const res = await postJson({ ratings, alpha });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.message).toMatch(/body\.alpha/);
    }
  });

  it('documents alpha in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json')).body;
    const similar = doc.paths['/movies/{id}/similar'].get;
    expect(similar.parameters.map((p: { name: string }) => p.name)).toContain('alpha');
    const body = doc.paths['/recommendations'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('"alpha"');
  });
});

describe('API handler: caching', () => {
  const sharedPaths = [
    'GET /model',
    'GET /dashboard',
    'GET /movies',
    'GET /movies/{id}',
    'GET /movies/{id}/similar',
    'GET /popular',
    'GET /openapi.json',
  ];

  it('declares shared caching exactly on the model-wide GET routes', () => {
    const shared = apiRoutes
      .filter((r) => r.cache === 'shared')
      .map((r) => `${r.method} ${r.path}`);
    expect(shared).toEqual(sharedPaths);
    for (const route of apiRoutes.filter((r) => r.bearer === true || r.method !== 'GET')) {
      expect(route.cache, `${route.method} ${route.path}`).toBe('no-store');
    }
  });

  it('a shared answer carries Cache-Control and an ETag, and If-None-Match gets a 304', async () => {
    const first = await call('GET', '/api/popular', { query: { limit: '3' } });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe(SHARED_CACHE_CONTROL);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await call('GET', '/api/popular', { query: { limit: '3' } });
    expect(again.headers.etag).toBe(etag);
    const other = await call('GET', '/api/popular', { query: { limit: '4' } });
    expect(other.headers.etag).not.toBe(etag);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const revalidated = await call('GET', '/api/popular', {
        query: { limit: '3' },
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect(revalidated).toMatchObject({ status: 304, text: '' });
      expect(revalidated.headers).toMatchObject({ etag, 'cache-control': SHARED_CACHE_CONTROL });
      expect(revalidated.headers['content-type']).toBeUndefined();
    }
    const stale = await call('GET', '/api/popular', {
      query: { limit: '3' },
      headers: { 'if-none-match': '"an-older-answer"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);
  });

  it('a changed answer gets a new ETag, so a cache revalidating the old one gets it whole', async () => {
    const before = await call('GET', '/dashboard');
    const stats = servingKeys.ratingsCollected();
    aws.items.set(`${stats.pk}|${stats.sk}`, { ...stats, n: 3 });
    const after = await call('GET', '/dashboard', {
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.status).toBe(200);
    expect(after.body.collectedSinceTraining).toBe(3);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('per-user answers and errors are no-store, with no ETag', async () => {
    const known = await call('GET', `/users/${user()}/recommendations`);
    expect(known.status).toBe(200);
    expect(known.headers['cache-control']).toBe('no-store');
    expect(known.headers.etag).toBeUndefined();
    const prediction = await call('GET', `/users/${user()}/predictions/${movie(0)}`);
    expect(prediction.headers['cache-control']).toBe('no-store');
    expect((await postJson({ ratings: [{ title: 'Heat' }] })).headers['cache-control']).toBe(
      'no-store',
    );
    const missing = await call('GET', '/movies/999999999');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
    const health = await call('GET', '/health');
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
