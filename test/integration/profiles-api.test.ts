import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfileToken, tokenHashOf } from '../../lambdas/app/profiles/profile-token.ts';
import { servingKeys } from '../../lambdas/app/serving/serving-keys.ts';
import type { HttpSend } from '../../lambdas/aws/http-send.ts';
import { createNodeHttpSend } from '../../lambdas/aws/http-send.ts';
import { createApiHandler } from '../../lambdas/handlers/api/api-handler.ts';
import type { ServingFixture } from '../unit/app/serving/serving-fixture.ts';
import { VERSION } from '../unit/app/serving/serving-fixture.ts';
import { startPublishedServing, TABLE } from '../fixtures/published-serving.ts';

/**
 * The profile routes through the API handler as Lambda runs it, against dynalite and s3rver
 * over the real signed HTTP path, with a published model fixture: every status they answer
 * (201, 200, 204, 400, 401, 403, 404, 409, 429 with Retry-After), the stored items, and 20
 * concurrent writers on one profile.
 */
Object.assign(process.env, { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' });

let fixture: ServingFixture;
let env: Record<string, string>;
let documents: DynamoDBDocumentClient;
let close: () => Promise<void>;
/** DynamoDB requests the handlers sent, by X-Amz-Target operation. */
const dynamoCalls: string[] = [];

beforeAll(async () => {
  const serving = await startPublishedServing('profiles-api');
  ({ fixture, documents, close } = serving);
  env = { ...serving.env, ALLOW_LOCALHOST: 'true' };
}, 60_000);

afterAll(async () => close?.());

const lambdaContext = { functionName: 'api', awsRequestId: 'r1' } as unknown as Context;
const countingSend: HttpSend = (() => {
  const send = createNodeHttpSend();
  return (request) => {
    const target = request.headers?.['x-amz-target'];
    if (target !== undefined) dynamoCalls.push(target.replace(/^DynamoDB_\d+\./, ''));
    return send(request);
  };
})();

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: string;
}

/** An API handler with extra environment (limits) and a clock, as one Lambda container. */
function api(extra: Record<string, string> = {}, now?: () => number) {
  // Created on the first request: the emulators (and `env`) exist only once the tests run.
  let handler: ReturnType<typeof createApiHandler> | undefined;
  return async (
    method: string,
    path: string,
    request: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    handler ??= createApiHandler({
      env: { ...env, ...extra },
      send: countingSend,
      ...(now !== undefined && { now }),
    });
    const [rawPath, rawQuery = ''] = path.split('?');
    const query = Object.fromEntries(new URLSearchParams(rawQuery));
    const result = (await handler(
      {
        version: '2.0',
        routeKey: '$default',
        rawPath: `/api${rawPath}`,
        rawQueryString: rawQuery,
        ...(rawQuery !== '' && { queryStringParameters: query }),
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        isBase64Encoded: false,
        requestContext: { http: { method, path: `/api${rawPath}`, sourceIp: '198.51.100.7' } },
      } as unknown as APIGatewayProxyEventV2,
      lambdaContext,
    )) as APIGatewayProxyStructuredResultV2;
    const raw = result.body ?? '';
    return {
      status: result.statusCode!,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: raw === '' ? undefined : JSON.parse(raw),
      raw,
    };
  };
}

const movie = (i: number): number => fixture.dataset.itemIds[i]!;

async function newProfile(call = api()): Promise<{ profileId: string; token: string }> {
  const created = await call('POST', '/profiles');
  expect(created.status).toBe(201);
  return created.body;
}

const stored = async (key: { pk: string; sk: string }) =>
  (await documents.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

describe('profiles: creation and tokens', () => {
  const call = api();

  it('POST /profiles answers 201 with the token once; the table keeps only its hash', async () => {
    const created = await call('POST', '/profiles');
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { profileId, token } = created.body as { profileId: string; token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(profileId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const item = await stored(servingKeys.profile(profileId));
    expect(item).toMatchObject({
      profileId,
      tokenHash: tokenHashOf(token),
      profileList: 'PROFILES',
      ratings: {},
      windowWrites: 0,
    });
    expect(JSON.stringify(item)).not.toContain(token);
    const read = await call('GET', `/profiles/${profileId}`, { token });
    expect(read).toMatchObject({
      status: 200,
      body: { profileId, ratingCount: 0, maxRatings: 5000 },
    });
    expect(read.headers['cache-control']).toBe('no-store');
  });

  it('401 with WWW-Authenticate without a well-formed bearer token', async () => {
    const { profileId, token } = await newProfile(call);
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Basic ${token}` },
      { authorization: 'Bearer ' },
      { authorization: `Bearer ${token.slice(1)}` },
    ]) {
      const answer = await call('GET', `/profiles/${profileId}/ratings`, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(answer.body.error.code).toMatch(/^(unauthorized|invalid_token)$/);
    }
  });

  it("403 for another profile's token, decided without reading the table", async () => {
    const mine = await newProfile(call);
    const other = await newProfile(call);
    const before = dynamoCalls.length;
    for (const [method, path] of [
      ['GET', `/profiles/${mine.profileId}`],
      ['GET', `/profiles/${mine.profileId}/ratings`],
      ['GET', `/profiles/${mine.profileId}/recommendations`],
      ['DELETE', `/profiles/${mine.profileId}`],
      ['DELETE', `/profiles/${mine.profileId}/ratings/${movie(0)}`],
    ] as const) {
      const answer = await call(method, path, { token: other.token });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    // A profile that never existed looks the same to a token that is not its own.
    const stranger = newProfileToken();
    const nobody = newProfileToken().profileId;
    expect((await call('GET', `/profiles/${nobody}`, { token: stranger.token })).status).toBe(403);
    expect(dynamoCalls.slice(before)).toEqual([]);
  });

  it('400 for a malformed profile id, with a valid token', async () => {
    const { token } = await newProfile(call);
    const answer = await call('GET', '/profiles/not-an-id', { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/path\.profileId/);
  });

  it('429 with Retry-After beyond the profiles one client address may create per hour', async () => {
    const hour = 3_600_000;
    const at = Date.UTC(2026, 11, 2, 10, 0, 0) + 20 * 60_000;
    const limited = api({ PROFILE_CREATIONS_PER_HOUR: '2' }, () => at);
    const viewer = { 'cloudfront-viewer-address': '203.0.113.9:51234' };
    for (let i = 0; i < 2; i++) {
      expect((await limited('POST', '/profiles', { headers: viewer })).status).toBe(201);
    }
    const refused = await limited('POST', '/profiles', { headers: viewer });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(40 * 60));
    expect(refused.body.error.code).toBe('rate_limited');
    // Another viewer behind the same CloudFront is counted on its own.
    const another = { 'cloudfront-viewer-address': '2001:db8::1:443' };
    expect((await limited('POST', '/profiles', { headers: another })).status).toBe(201);
    // The count keeps no address, expires, and the next hour starts afresh.
    const next = api({ PROFILE_CREATIONS_PER_HOUR: '2' }, () => at + hour);
    expect((await next('POST', '/profiles', { headers: viewer })).status).toBe(201);
  });
});

describe('profiles: ratings', () => {
  const call = api();

  it('PUT stores a rating (idempotent), GET lists them newest first with titles', async () => {
    const { profileId, token } = await newProfile(call);
    const counter = async () => ((await stored(servingKeys.ratingsCollected()))?.n as number) ?? 0;
    const before = await counter();
    const put = await call('PUT', `/profiles/${profileId}/ratings/${movie(0)}`, {
      token,
      body: { rating: 4.5 },
    });
    expect(put).toMatchObject({
      status: 200,
      body: { movieId: movie(0), title: 'Toy Story', rating: 4.5 },
    });
    expect(Date.parse(put.body.ratedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await call('PUT', `/profiles/${profileId}/ratings/${movie(0)}`, {
      token,
      body: { rating: 4.5 },
    });
    expect(again.status).toBe(200);
    expect(await counter()).toBe(before + 1);
    await call('PUT', `/profiles/${profileId}/ratings/${movie(0)}`, { token, body: { rating: 3 } });
    expect(await counter()).toBe(before + 2);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call('PUT', `/profiles/${profileId}/ratings/${movie(2)}`, { token, body: { rating: 5 } });
    const list = await call('GET', `/profiles/${profileId}/ratings`, { token });
    expect(list.status).toBe(200);
    expect(
      list.body.ratings.map((r: { movieId: number; rating: number; title: string }) => [
        r.movieId,
        r.rating,
        r.title,
      ]),
    ).toEqual([
      [movie(2), 5, 'Finding Nemo'],
      [movie(0), 3, 'Toy Story'],
    ]);
    expect((await call('GET', `/profiles/${profileId}`, { token })).body.ratingCount).toBe(2);
  });

  it('400 naming body.rating off the scale or between half stars; 404 for an unknown movie', async () => {
    const { profileId, token } = await newProfile(call);
    for (const rating of [0, 4.25, 5.5, 7]) {
      const answer = await call('PUT', `/profiles/${profileId}/ratings/${movie(1)}`, {
        token,
        body: { rating },
      });
      expect(answer.status, String(rating)).toBe(400);
      expect(answer.body.error.message).toMatch(/^body\.rating: /);
    }
    const unknown = await call('PUT', `/profiles/${profileId}/ratings/424242`, {
      token,
      body: { rating: 4 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('movie_not_found');
    const missing = await call('PUT', `/profiles/${profileId}/ratings/${movie(1)}`, {
      token,
      body: {},
    });
    expect(missing.status).toBe(400);
    expect((await call('GET', `/profiles/${profileId}/ratings`, { token })).body.ratings).toEqual(
      [],
    );
  });

  it('DELETE answers 204 with no body, whether or not the movie was rated', async () => {
    const { profileId, token } = await newProfile(call);
    await call('PUT', `/profiles/${profileId}/ratings/${movie(3)}`, { token, body: { rating: 2 } });
    for (let i = 0; i < 2; i++) {
      const answer = await call('DELETE', `/profiles/${profileId}/ratings/${movie(3)}`, { token });
      expect(answer.status).toBe(204);
      expect(answer.raw).toBe('');
    }
    expect((await call('GET', `/profiles/${profileId}/ratings`, { token })).body.ratings).toEqual(
      [],
    );
  });

  it('409 too_many_ratings beyond the most a profile may hold; re-rating still works', async () => {
    const limited = api({ PROFILE_MAX_RATINGS: '2' });
    const { profileId, token } = await newProfile(limited);
    const rate = (i: number, rating = 4) =>
      limited('PUT', `/profiles/${profileId}/ratings/${movie(i)}`, { token, body: { rating } });
    expect((await rate(0)).status).toBe(200);
    expect((await rate(1)).status).toBe(200);
    const refused = await rate(2);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('too_many_ratings');
    expect((await rate(1, 2)).status).toBe(200);
    expect((await limited('GET', `/profiles/${profileId}`, { token })).body).toMatchObject({
      ratingCount: 2,
      maxRatings: 2,
    });
  });

  it('429 with Retry-After to the next minute beyond the writes per minute, then a new window', async () => {
    let at = Date.UTC(2026, 11, 2, 10, 0, 15);
    const limited = api({ PROFILE_WRITES_PER_MINUTE: '3' }, () => at);
    const { profileId, token } = await newProfile(limited);
    const path = (i: number) => `/profiles/${profileId}/ratings/${movie(i)}`;
    expect((await limited('PUT', path(0), { token, body: { rating: 4 } })).status).toBe(200);
    expect((await limited('DELETE', path(0), { token })).status).toBe(204);
    expect((await limited('PUT', path(1), { token, body: { rating: 4 } })).status).toBe(200);
    const refused = await limited('PUT', path(2), { token, body: { rating: 4 } });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('45');
    expect((await limited('DELETE', path(1), { token })).status).toBe(429);
    at += 45_000;
    expect((await limited('PUT', path(2), { token, body: { rating: 4 } })).status).toBe(200);
    const item = await stored(servingKeys.profile(profileId));
    expect(item).toMatchObject({ windowMinute: Math.floor(at / 60_000), windowWrites: 1 });
    expect(Object.keys(item!.ratings as object).sort()).toEqual(
      [movie(1), movie(2)].map(String).sort(),
    );
  });

  it('20 concurrent writers on one profile lose no rating', async () => {
    const { profileId, token } = await newProfile(call);
    const movies = Array.from({ length: 20 }, (_, i) => movie(i + 5));
    const answers = await Promise.all(
      movies.map((movieId, i) =>
        call('PUT', `/profiles/${profileId}/ratings/${movieId}`, {
          token,
          body: { rating: 1 + (i % 9) / 2 },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(movies.map(() => 200));
    const list = await call('GET', `/profiles/${profileId}/ratings`, { token });
    expect(list.body.ratings.map((r: { movieId: number }) => r.movieId).sort()).toEqual(
      [...movies].sort(),
    );
    const item = await stored(servingKeys.profile(profileId));
    expect(item?.windowWrites).toBe(20);
  });
});

describe('profiles: recommendations and deletion', () => {
  const call = api();

  it('popular before the first rating, then live fold-in without the rated movies', async () => {
    const { profileId, token } = await newProfile(call);
    const cold = await call('GET', `/profiles/${profileId}/recommendations?limit=5`, { token });
    expect(cold.status).toBe(200);
    expect(cold.body).toMatchObject({
      profileId,
      version: VERSION,
      coldStart: true,
      source: 'popular',
    });
    const rated = [movie(0), movie(2), movie(4)];
    for (const movieId of rated) {
      await call('PUT', `/profiles/${profileId}/ratings/${movieId}`, {
        token,
        body: { rating: 5 },
      });
    }
    const recs = async () =>
      (await call('GET', `/profiles/${profileId}/recommendations`, { token })).body;
    const live = await recs();
    expect(live).toMatchObject({ coldStart: false, source: 'live' });
    expect(live.movies).toHaveLength(10);
    const ids = live.movies.map((m: { movieId: number }) => m.movieId);
    for (const movieId of rated) expect(ids).not.toContain(movieId);
    // Read your writes: the next call excludes a movie rated just now.
    await call('PUT', `/profiles/${profileId}/ratings/${ids[0]}`, { token, body: { rating: 1 } });
    const after = await recs();
    expect(after.movies.map((m: { movieId: number }) => m.movieId)).not.toContain(ids[0]);
  });

  it('?alpha= blends the live list with content similarity; 400 outside [0, 1]', async () => {
    const { profileId, token } = await newProfile(call);
    for (const movieId of [movie(0), movie(2), movie(4)]) {
      await call('PUT', `/profiles/${profileId}/ratings/${movieId}`, {
        token,
        body: { rating: 5 },
      });
    }
    const at = async (query: string) =>
      call('GET', `/profiles/${profileId}/recommendations?limit=5${query}`, { token });
    const [byDefault, collaborative, content] = [
      await at(''),
      await at('&alpha=1'),
      await at('&alpha=0'),
    ];
    expect(byDefault.body).toMatchObject({ source: 'live', alpha: 1 });
    expect(content.body).toMatchObject({ source: 'live', alpha: 0, coldStart: false });
    const ids = (answer: Answer) => answer.body.movies.map((m: { movieId: number }) => m.movieId);
    expect(ids(collaborative)).toEqual(ids(byDefault));
    expect(ids(content)).toHaveLength(5);
    expect(ids(content)).not.toEqual(ids(collaborative));
    for (const alpha of ['-0.1', '1.01', 'abc', '']) {
      const bad = await at(`&alpha=${alpha}`);
      expect(bad.status, alpha).toBe(400);
      expect(bad.body.error).toEqual({
        code: 'validation_failed',
        message: expect.stringMatching(/query\.alpha/),
      });
    }
    const doc = (await call('GET', '/openapi.json')).body;
    const route = doc.paths['/profiles/{profileId}/recommendations'].get;
    expect(route.parameters.map((p: { name: string }) => p.name)).toContain('alpha');
  });

  it("serves the pipeline's precomputed list while no rating changed since training", async () => {
    // The fixture's version was created 2026-01-01: ratings from before it are in its training.
    let at = Date.UTC(2025, 11, 20);
    const past = api({}, () => at);
    const { profileId, token } = await newProfile(past);
    await past('PUT', `/profiles/${profileId}/ratings/${movie(0)}`, { token, body: { rating: 5 } });
    const precomputed = [movie(0), movie(6), movie(7), movie(8)];
    await documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...servingKeys.profileRecommendations(profileId, VERSION),
          version: VERSION,
          items: precomputed.map((movieId, i) => ({ movieId, score: 4 - i, because: [] })),
        },
      }),
    );
    const recs = await past('GET', `/profiles/${profileId}/recommendations?limit=2`, { token });
    expect(recs.body).toMatchObject({ source: 'precomputed', coldStart: false });
    expect(recs.body.movies.map((m: { movieId: number }) => m.movieId)).toEqual([
      movie(6),
      movie(7),
    ]);
    // The version records when ingest read the profiles: a rating after that (here, before
    // createdAt) was not in training, so the list is live.
    const registry = servingKeys.modelVersion(VERSION);
    const versionItem = (await documents.send(new GetCommand({ TableName: TABLE, Key: registry })))
      .Item!;
    const withReadAt = (profilesReadAt: string) =>
      documents.send(
        new PutCommand({ TableName: TABLE, Item: { ...versionItem, sources: { profilesReadAt } } }),
      );
    await withReadAt('2025-12-01T00:00:00.000Z');
    expect(
      (await past('GET', `/profiles/${profileId}/recommendations`, { token })).body.source,
    ).toBe('live');
    await withReadAt('2025-12-21T00:00:00.000Z');
    expect(
      (await past('GET', `/profiles/${profileId}/recommendations`, { token })).body.source,
    ).toBe('precomputed');
    // The precomputed list is the collaborative one: a blend below 1 is folded in live.
    expect(
      (await past('GET', `/profiles/${profileId}/recommendations?alpha=0.5`, { token })).body,
    ).toMatchObject({ source: 'live', alpha: 0.5 });
    // A rating after training: live again, without the movie.
    at = Date.now();
    await past('PUT', `/profiles/${profileId}/ratings/${movie(6)}`, { token, body: { rating: 2 } });
    const live = await past('GET', `/profiles/${profileId}/recommendations`, { token });
    expect(live.body.source).toBe('live');
    expect(live.body.movies.map((m: { movieId: number }) => m.movieId)).not.toContain(movie(6));
  });

  it('DELETE /profiles/{id} removes the profile and its items; its token then gets 404', async () => {
    const { profileId, token } = await newProfile(call);
    await call('PUT', `/profiles/${profileId}/ratings/${movie(1)}`, { token, body: { rating: 4 } });
    const precomputed = servingKeys.profileRecommendations(profileId, VERSION);
    await documents.send(
      new PutCommand({ TableName: TABLE, Item: { ...precomputed, version: VERSION, items: [] } }),
    );
    const deleted = await call('DELETE', `/profiles/${profileId}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.raw).toBe('');
    expect(await stored(servingKeys.profile(profileId))).toBeUndefined();
    expect(await stored(precomputed)).toBeUndefined();
    for (const [method, path, body] of [
      ['GET', `/profiles/${profileId}`, undefined],
      ['GET', `/profiles/${profileId}/ratings`, undefined],
      ['GET', `/profiles/${profileId}/recommendations`, undefined],
      ['PUT', `/profiles/${profileId}/ratings/${movie(1)}`, { rating: 3 }],
      ['DELETE', `/profiles/${profileId}/ratings/${movie(1)}`, undefined],
      ['DELETE', `/profiles/${profileId}`, undefined],
    ] as const) {
      const answer = await call(method, path, { token, ...(body && { body }) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('profile_not_found');
    }
  });

  it('CORS preflight allows the Authorization header and the new methods', async () => {
    const answer = await call('OPTIONS', '/profiles/abc/ratings/1', {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toContain('authorization');
    expect(answer.headers['access-control-allow-methods']).toBe('PUT, DELETE, OPTIONS');
  });
});
