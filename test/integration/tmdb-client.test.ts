import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmdbError } from '../../lambdas/app/pipeline/tmdb-source.ts';
import { createTmdbClient } from '../../lambdas/aws/tmdb-client.ts';
import type { TmdbClientOptions } from '../../lambdas/aws/tmdb-client.ts';
import type { FakeTmdb } from '../fixtures/fake-tmdb.ts';
import { startFakeTmdb } from '../fixtures/fake-tmdb.ts';

/** The TMDB client against the fake TMDB on loopback: real HTTP, no internet. */
let fake: FakeTmdb;
beforeAll(async () => {
  fake = await startFakeTmdb();
});
afterAll(() => fake.close());

const client = (options: Partial<TmdbClientOptions> = {}) =>
  createTmdbClient({
    baseUrl: fake.url,
    key: fake.key,
    requestsPerSecond: 1000,
    // No jitter: retries come at once, so the tests measure only what they mean to.
    random: () => 0,
    ...options,
  });

describe('the TMDB client', () => {
  it('fetches a movie with credits, keywords and reviews, with a Bearer read token', async () => {
    const movie = (await client().movie(862)) as { title: string; reviews: { results: [] } };
    expect(movie.title).toBe('Toy Story');
    expect(movie.reviews.results).toHaveLength(3);
  });

  it('sends a v3 key (32 hex digits) as api_key instead', async () => {
    const v3 = await startFakeTmdb({ key: '0123456789abcdef0123456789abcdef' });
    try {
      const answer = await createTmdbClient({ baseUrl: v3.url, key: v3.key }).movie(949);
      expect(answer).toMatchObject({ title: 'Heat' });
    } finally {
      await v3.close();
    }
  });

  it('answers undefined for a movie TMDB does not have (404)', async () => {
    expect(await client().movie(999_999)).toBeUndefined();
  });

  it('waits out a 429 for its Retry-After, then gets the movie', async () => {
    fake.failNext({ kind: 'rate-limit', retryAfterSeconds: 1 });
    const start = performance.now();
    expect(await client().movie(8844)).toMatchObject({ title: 'Jumanji' });
    expect(performance.now() - start).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 and a request with no answer', async () => {
    fake.failNext({ kind: 'server-error' }, { kind: 'hang' });
    const before = fake.requests;
    expect(await client({ timeoutMs: 200 }).movie(862)).toMatchObject({ id: 862 });
    expect(fake.requests - before).toBe(3);
  });

  it('gives up after its attempts when TMDB is down', async () => {
    fake.down = true;
    const before = fake.requests;
    try {
      const failure = await client({ attempts: 3 })
        .movie(862)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TmdbError);
      expect(failure).toMatchObject({ failure: 'unavailable' });
      expect((failure as Error).message).toMatch(/TMDB movie 862: HTTP 503 after 3 attempts/);
      expect(fake.requests - before).toBe(3);
    } finally {
      fake.down = false;
    }
  });

  it('stops at once on a refused key, never naming it', async () => {
    const secret = 'wrong-token-that-must-not-leak';
    const failure = await client({ key: secret })
      .movie(862)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'unauthorized' });
    expect((failure as Error).message).not.toContain(secret);
  });

  it('keeps to its rate limit across parallel requests', async () => {
    const limited = client({ requestsPerSecond: 20 });
    const start = performance.now();
    await Promise.all(Array.from({ length: 11 }, () => limited.movie(949)));
    // 11 requests at 20/s: the last starts 10 × 50 ms after the first.
    expect(performance.now() - start).toBeGreaterThanOrEqual(480);
  });
});
