import { describe, expect, it } from 'vitest';
import { ingestDataset } from '../../../../lambdas/app/pipeline/ingest-dataset.ts';
import {
  PointerMovedError,
  publishVersion,
} from '../../../../lambdas/app/pipeline/publish-version.ts';
import { getJson } from '../../../../lambdas/app/pipeline/object-store.ts';
import { readProcessedDataset } from '../../../../lambdas/app/pipeline/processed-dataset.ts';
import { servingKeys, TTL_ATTRIBUTE } from '../../../../lambdas/app/serving/serving-keys.ts';
import type {
  ModelPointer,
  MovieRecord,
  PopularRecord,
  ProfileRecommendationsRecord,
  UserRecommendationsRecord,
} from '../../../../lambdas/app/serving/serving-records.ts';
import { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import { InMemoryServingWriter } from '../../../../lambdas/local/in-memory-serving-writer.ts';
import { fixedSource, profileSource, runPipeline, TINY_USERS } from './pipeline-fixture.ts';

describe('training pipeline use-cases, chained through in-memory ports', () => {
  it('ingests, trains, scores every user, writes the catalogue and publishes', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const run = await runPipeline(store, serving, '2026-01-01T00:00:00Z');

    expect(run.ingest).toMatchObject({ name: 'ml-latest-small', users: TINY_USERS, items: 12 });
    expect(store.objects.has('datasets/raw/ml-latest-small.zip')).toBe(true);
    expect(store.keys(run.ingest.processedPrefix)).toHaveLength(8);
    expect(store.objects.has(`models/${run.version}/manifest.json`)).toBe(true);
    expect(run.evaluation).toMatchObject({
      passed: true,
      liveVersion: null,
      reason: 'no live model yet',
    });

    const recs = serving.withSortKey(
      `RECS#${run.version}`,
    ) as unknown as UserRecommendationsRecord[];
    expect(recs.map((r) => r.userId).sort((a, b) => a - b)).toEqual(
      Array.from({ length: TINY_USERS }, (_, u) => u + 1),
    );
    // Every user's list leaves out the movies they rated.
    const dataset = await readProcessedDataset(store, run.ingest.processedPrefix);
    const user1 = (await serving.get(
      servingKeys.userRecommendations(1, run.version),
    )) as unknown as UserRecommendationsRecord;
    const rated1 = Array.from(
      dataset.ratings.item.filter((_, k) => dataset.ratings.user[k] === 0),
      (item) => dataset.itemIds[item]!,
    );
    expect(rated1.length).toBeGreaterThan(3);
    expect(user1.items.length).toBeGreaterThan(0);
    expect(user1.items.every((item) => !rated1.includes(item.movieId))).toBe(true);
    expect(serving.withSortKey(`VEC#${run.version}`)).toHaveLength(TINY_USERS + 12);
    const vec = (await serving.get(servingKeys.userVector(1, run.version)))!;
    expect(vec.factors).toBeInstanceOf(Uint8Array);

    const movie1 = (await serving.get(servingKeys.movie(1))) as unknown as MovieRecord;
    expect(movie1).toMatchObject({
      title: 'Movie 1',
      year: 1991,
      genres: ['Comedy'],
      imdbId: '0000001',
      tmdbId: 101,
      topTags: ['funny'],
    });
    expect(movie1.histogram.reduce((a, b) => a + b, 0)).toBe(movie1.ratingCount);
    const popular = (await serving.get(
      servingKeys.popular('ALL', run.version),
    )) as unknown as PopularRecord;
    expect(popular.items.length).toBeGreaterThan(0);
    expect(await serving.get(servingKeys.popular('Drama', run.version))).toBeDefined();
    expect(serving.withSortKey(`SIMILAR#${run.version}`)).toHaveLength(12);
    expect(store.objects.has(`models/${run.version}/web/dashboard.json`)).toBe(true);

    const pointer = (await serving.get(servingKeys.currentModel())) as unknown as ModelPointer;
    expect(pointer.version).toBe(run.version);
    expect(pointer.metrics.rmse).toBeCloseTo(run.evaluation.metrics.rmse!, 6);
    const entry = await serving.get(servingKeys.modelVersion(run.version));
    expect(entry).toMatchObject({ status: 'published', metrics: pointer.metrics });
    // The per-epoch training losses the manifest recorded, for the model page's curves.
    const loss = entry?.lossHistory as { rating: number[]; ranking: number[] };
    expect(loss.rating.length).toBeGreaterThan(0);
    expect(loss.ranking.length).toBeGreaterThan(0);
    expect(loss.rating.every(Number.isFinite)).toBe(true);
  });

  it('a second run compares with the live model, publishes over it and gives the old version a TTL', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const first = await runPipeline(store, serving, '2026-01-01T00:00:00Z');
    const second = await runPipeline(store, serving, '2026-01-08T00:00:00Z', { force: true });

    expect(second.evaluation.liveVersion).toBe(first.version);
    expect(second.publish).toMatchObject({
      previousVersion: first.version,
      retiredItems: TINY_USERS * 2 + 12 * 2 + 4 /* ALL, Comedy, Drama, Romance */,
    });
    const expiry = Date.parse('2026-01-08T00:00:00Z') / 1000 + 24 * 3600;
    const oldRecs = await serving.get(servingKeys.userRecommendations(1, first.version));
    expect(oldRecs?.[TTL_ATTRIBUTE]).toBe(expiry);
    expect((await serving.get(servingKeys.popular('ALL', first.version)))?.[TTL_ATTRIBUTE]).toBe(
      expiry,
    );
    // The new version and the pointer carry no TTL; META is not versioned and never expires.
    expect(
      (await serving.get(servingKeys.userRecommendations(1, second.version)))?.[TTL_ATTRIBUTE],
    ).toBeUndefined();
    expect((await serving.get(servingKeys.currentModel()))?.[TTL_ATTRIBUTE]).toBeUndefined();
    expect((await serving.get(servingKeys.movie(1)))?.[TTL_ATTRIBUTE]).toBeUndefined();
  });

  it('trains on profiles and operator files: exact rating counts, profile lists, no USER# items for profiles', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const first = await runPipeline(store, serving, '2026-01-01T00:00:00Z');
    store.objects.set(
      'datasets/incoming/week1.csv',
      new TextEncoder().encode(
        'userId,movieId,rating,timestamp\n1000,1,5.0,1700000000\n1000,2,4.5,1700000001\n',
      ),
    );
    const rating = (movieId: number, value: number) => ({
      movieId,
      rating: value,
      ratedAt: 1_700_000_100 + movieId,
    });
    const fan = 'AAAAAAAAAAAAAAAAAAAAAA';
    const newcomer = 'BBBBBBBBBBBBBBBBBBBBBB';
    const profiles = profileSource(
      [
        { profileId: fan, ratings: [1, 2, 3, 4].map((m) => rating(m, 5)) },
        { profileId: newcomer, ratings: [rating(7, 4), rating(8, 4)] },
      ],
      6,
    );
    const second = await runPipeline(store, serving, '2026-01-08T00:00:00Z', {
      force: true,
      profiles,
    });

    expect(second.ingest.ratings).toBe(first.ingest.ratings + 6 + 2);
    const sources = {
      dataset: first.ingest.ratings,
      profiles: 6,
      profileUsers: 2,
      operatorFiles: 2,
      operatorFileKeys: ['datasets/incoming/week1.csv'],
      ratingsCollectedAtIngest: 6,
      profilesReadAt: expect.any(String),
    };
    expect(second.ingest.sources).toEqual(sources);
    const manifest = (await getJson(store, `models/${second.version}/manifest.json`)) as {
      extra: { sources: unknown };
    };
    expect(manifest.extra.sources).toEqual(sources);
    expect(await serving.get(servingKeys.modelVersion(second.version))).toMatchObject({ sources });

    // Profile users 1001 (fan) and 1002 (newcomer): the fan's list under the profile, leaving
    // out what it rated; the newcomer (2 ratings) trains but gets no list; neither gets USER#.
    const list = (await serving.get(
      servingKeys.profileRecommendations(fan, second.version),
    )) as unknown as ProfileRecommendationsRecord;
    expect(list).toMatchObject({ profileId: fan, version: second.version });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((item) => ![1, 2, 3, 4].includes(item.movieId))).toBe(true);
    expect(list.items[0]!.title).toMatch(/^Movie \d+$/);
    expect(await serving.get(servingKeys.profileRecommendations(newcomer, second.version))).toBe(
      undefined,
    );
    for (const userId of [1001, 1002]) {
      expect(await serving.get(servingKeys.userRecommendations(userId, second.version))).toBe(
        undefined,
      );
      expect(await serving.get(servingKeys.userVector(userId, second.version))).toBe(undefined);
    }
    // The operator's user 1000 is a dataset user like any other.
    expect(await serving.get(servingKeys.userRecommendations(1000, second.version))).toBeDefined();

    // The next publish retires the profile's list with the rest of the version.
    await runPipeline(store, serving, '2026-01-15T00:00:00Z', { force: true, profiles });
    const expired = await serving.get(servingKeys.profileRecommendations(fan, second.version));
    expect(expired?.[TTL_ATTRIBUTE]).toBe(Date.parse('2026-01-15T00:00:00Z') / 1000 + 24 * 3600);
  });

  it('publish refuses when the pointer moved since the run looked, and leaves it alone', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const first = await runPipeline(store, serving, '2026-01-01T00:00:00Z');
    const other: ModelPointer = { version: 'someone-else', metrics: {}, publishedAt: 'x' };
    await serving.put({ ...servingKeys.currentModel(), ...other });

    await expect(
      publishVersion(
        { version: first.version, expectedLiveVersion: null },
        { store, serving, now: () => new Date() },
      ),
    ).rejects.toThrow(PointerMovedError);
    expect((await serving.get(servingKeys.currentModel()))?.version).toBe('someone-else');
  });

  it('publish is idempotent when retried after the pointer already flipped', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const run = await runPipeline(store, serving, '2026-01-01T00:00:00Z');
    const again = await publishVersion(
      { version: run.version, expectedLiveVersion: null },
      { store, serving, now: () => new Date('2026-01-01T00:05:00Z') },
    );
    expect(again.version).toBe(run.version);
    expect((await serving.get(servingKeys.currentModel()))?.version).toBe(run.version);
  });

  it('rejects a dataset that fails validation, writing nothing but the raw archive', async () => {
    const store = new InMemoryObjectStore();
    const broken = new TextEncoder().encode('not a zip');
    await expect(
      ingestDataset(
        { dataset: 's3://uploads-bucket/in/mine.zip' },
        {
          source: fixedSource({ 's3://uploads-bucket/in/mine.zip': broken }, store),
          store,
          profiles: profileSource([]),
          now: () => new Date(),
        },
      ),
    ).rejects.toThrow(/mine\.zip: unreadable zip/);
    expect(store.keys()).toEqual(['datasets/raw/mine.zip']);
  });
});
