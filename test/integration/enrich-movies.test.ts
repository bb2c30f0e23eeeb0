import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrichMovies } from '../../lambdas/app/pipeline/enrich-movies.ts';
import type { EnrichPorts } from '../../lambdas/app/pipeline/enrich-movies.ts';
import { pipelineObjectKeys } from '../../lambdas/app/pipeline/pipeline-objects.ts';
import { PROCESSED_SCHEMA_VERSION } from '../../lambdas/app/pipeline/processed-dataset.ts';
import { readTmdbSnapshot } from '../../lambdas/app/pipeline/tmdb-snapshot.ts';
import { createTmdbClient } from '../../lambdas/aws/tmdb-client.ts';
import type { Movie } from '../../lambdas/core/dataset/dataset.ts';
import { InMemoryObjectStore } from '../../lambdas/local/in-memory-object-store.ts';
import type { FakeTmdb } from '../fixtures/fake-tmdb.ts';
import { startFakeTmdb } from '../fixtures/fake-tmdb.ts';
import { TMDB_MOVIES } from '../fixtures/fake-tmdb-movies.ts';

/** The enrichment use-case with the real TMDB client against the fake TMDB on loopback. */
const PREFIX = 'datasets/processed/tiny/0123456789abcdef/';
const movie = (id: number, title: string, tmdbId: number | null): Movie => ({
  id,
  title,
  year: 1995,
  genres: ['Drama'],
  imdbId: null,
  tmdbId,
});
const MOVIES = [
  movie(1, 'Toy Story', 862),
  movie(2, 'Jumanji', 8844),
  movie(6, 'Heat', 949),
  movie(99, 'Unknown to TMDB', 424242),
  movie(100, 'No TMDB id', null),
];

function storeWithDataset(): InMemoryObjectStore {
  const store = new InMemoryObjectStore();
  const meta = { schemaVersion: PROCESSED_SCHEMA_VERSION, name: 'tiny', movies: MOVIES, tags: [] };
  void store.put(`${PREFIX}dataset.json`, new TextEncoder().encode(JSON.stringify(meta)));
  return store;
}

let fake: FakeTmdb;
beforeAll(async () => {
  fake = await startFakeTmdb();
});
afterAll(() => fake.close());

const ports = (store: InMemoryObjectStore, overrides: Partial<EnrichPorts> = {}): EnrichPorts => ({
  store,
  tmdb: createTmdbClient({
    baseUrl: fake.url,
    key: fake.key,
    requestsPerSecond: 1000,
    attempts: 2,
    random: () => 0,
  }),
  now: () => new Date('2026-01-02T00:00:00Z'),
  clock: () => 0,
  deadline: 1,
  ...overrides,
});

describe('enrichMovies', () => {
  it('fetches every movie with a TMDB id once, caches it and snapshots the version', async () => {
    const store = storeWithDataset();
    const before = fake.requests;
    const result = await enrichMovies({ processedPrefix: PREFIX, version: 'v1' }, ports(store));
    expect(result).toEqual({
      status: 'complete',
      movies: 5,
      withTmdbId: 4,
      fetched: 4,
      cached: 0,
      notFound: 1,
      malformed: 0,
      failed: 0,
      remaining: 0,
      enriched: 3,
      snapshotKey: 'enrichment/tmdb/versions/v1.json',
    });
    expect(fake.requests - before).toBe(4);
    expect(store.keys(pipelineObjectKeys.tmdbMovies)).toHaveLength(3);
    const snapshot = (await readTmdbSnapshot(store, 'v1'))!;
    expect([...snapshot.keys()].sort((a, b) => a - b)).toEqual([1, 2, 6]);
    expect(snapshot.get(1)!.details).toMatchObject({
      cast: ['Tom Hanks', 'Tim Allen', 'Don Rickles'],
      fetchedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(snapshot.get(1)!.reviews).toMatchObject({
      total: 3,
      positive: 1,
      mixed: 1,
      negative: 1,
    });

    // A rerun asks TMDB nothing: found movies and the 404 come from the cache.
    const again = fake.requests;
    const rerun = await enrichMovies({ processedPrefix: PREFIX, version: 'v2' }, ports(store));
    expect(fake.requests - again).toBe(0);
    expect(rerun).toMatchObject({ status: 'complete', fetched: 0, cached: 4, enriched: 3 });
    expect((await readTmdbSnapshot(store, 'v2'))!.get(1)!.details.fetchedAt).toBe(
      '2026-01-02T00:00:00.000Z',
    );
  });

  it('goes on without TMDB when it is down, saying so, and fetches the rest next run', async () => {
    const store = storeWithDataset();
    fake.down = true;
    let result;
    try {
      result = await enrichMovies(
        { processedPrefix: PREFIX, version: 'v1' },
        ports(store, { concurrency: 1 }),
      );
    } finally {
      fake.down = false;
    }
    expect(result).toMatchObject({
      status: 'partial',
      fetched: 0,
      failed: 3,
      remaining: 1,
      enriched: 0,
      snapshotKey: 'enrichment/tmdb/versions/v1.json',
    });
    expect(result.reason).toMatch(/^TMDB unavailable: TMDB movie \d+: HTTP 503 after 2 attempts/);
    expect((await readTmdbSnapshot(store, 'v1'))!.size).toBe(0);

    const next = await enrichMovies({ processedPrefix: PREFIX, version: 'v2' }, ports(store));
    expect(next).toMatchObject({ status: 'complete', fetched: 4, enriched: 3 });
  });

  it('stops at the deadline and keeps what the cache has', async () => {
    const store = storeWithDataset();
    const result = await enrichMovies(
      { processedPrefix: PREFIX, version: 'v1' },
      ports(store, { clock: () => 5, deadline: 5 }),
    );
    expect(result).toMatchObject({ status: 'partial', fetched: 0, remaining: 4, enriched: 0 });
    expect(result.reason).toMatch(/out of time/);
  });

  it('stops on a refused key without counting each refusal', async () => {
    const store = storeWithDataset();
    const result = await enrichMovies(
      { processedPrefix: PREFIX, version: 'v1' },
      ports(store, {
        tmdb: createTmdbClient({ baseUrl: fake.url, key: 'not-the-key', requestsPerSecond: 1000 }),
        concurrency: 1,
      }),
    );
    expect(result).toMatchObject({ status: 'partial', failed: 0, remaining: 3, enriched: 0 });
    expect(result.reason).toMatch(/refused the key/);
  });

  it('counts a malformed answer, leaves it out and does not cache it', async () => {
    const odd = await startFakeTmdb({
      movies: { ...TMDB_MOVIES, 8844: { id: 8844, runtime: 'long' } },
    });
    try {
      const store = storeWithDataset();
      const warnings: string[] = [];
      const result = await enrichMovies(
        { processedPrefix: PREFIX, version: 'v1' },
        ports(store, {
          tmdb: createTmdbClient({ baseUrl: odd.url, key: odd.key, requestsPerSecond: 1000 }),
          warn: (message) => warnings.push(message),
        }),
      );
      expect(result).toMatchObject({ status: 'partial', malformed: 1, fetched: 3, enriched: 2 });
      expect(warnings).toEqual(['malformed TMDB record left out']);
      expect(store.keys(pipelineObjectKeys.tmdbMovie(8844))).toEqual([]);
    } finally {
      await odd.close();
    }
  });

  it('is skipped without a key', async () => {
    const result = await enrichMovies(
      { processedPrefix: PREFIX, version: 'v1' },
      ports(storeWithDataset(), { tmdb: undefined }),
    );
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'no TMDB key configured',
      snapshotKey: null,
    });
  });
});
