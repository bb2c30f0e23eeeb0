import { beforeAll, describe, expect, it } from 'vitest';
import { modelVersionFromDecoded, type ModelVersion } from '../../../lambdas/app/model-version.ts';
import {
  recommendForAnonymous,
  UnknownTitleError,
} from '../../../lambdas/app/recommend-for-anonymous.ts';
import { recommendForUser } from '../../../lambdas/app/recommend-for-user.ts';
import {
  trainModelVersion,
  type TrainedModelVersion,
} from '../../../lambdas/app/train-model-version.ts';
import { userIndex, userRatings } from '../../../lambdas/app/user-history.ts';
import type { Dataset } from '../../../lambdas/core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../../lambdas/core/dataset/synthetic-dataset.ts';
import { decodeModelVersion } from '../../../lambdas/core/model-codec/model-version.ts';

let dataset: Dataset;
let trained: TrainedModelVersion;
let version: ModelVersion;

const train = (data: Dataset): Promise<TrainedModelVersion> =>
  trainModelVersion(data, {
    version: 'v-test',
    createdAt: '2026-01-02T03:04:05.000Z',
    seed: 9,
    now: () => 0,
    rating: { sgd: { epochs: 5 }, bayesian: { sweeps: 10, burnIn: 5 } },
  });

beforeAll(async () => {
  dataset = generateSyntheticDataset({ users: 60, items: 40, ratings: 900, seed: 2 });
  trained = await train(dataset);
  version = modelVersionFromDecoded(decodeModelVersion(trained.files));
});

describe('trainModelVersion', () => {
  it('writes one version holding every part, with holdout metrics in the manifest', () => {
    const names = version.manifest.models.map((model) => model.name).sort();
    expect(names).toEqual([
      'catalogue',
      'content',
      'popularity',
      'ranking',
      'rating',
      'similar',
      'users',
    ]);
    expect(version.manifest.version).toBe('v-test');
    expect(version.manifest.dataset.ratings).toBe(900);
    expect(version.manifest.metrics).toEqual(trained.metrics);
    for (const value of Object.values(trained.metrics)) expect(Number.isFinite(value)).toBe(true);
    expect(trained.metrics.rmse).toBeGreaterThan(0);
    expect(trained.metrics['precision@10']).toBeGreaterThanOrEqual(0);
    expect(trained.metrics['precision@10']).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed: the same bytes for every model file', async () => {
    const again = await train(dataset);
    for (const [name, bytes] of trained.files) {
      if (name === 'manifest.json') continue;
      expect(again.files.get(name), name).toEqual(bytes);
    }
  });

  it('keeps the catalogue and every user history in the version', () => {
    expect(Array.from(version.catalogue.itemIds)).toEqual(Array.from(dataset.itemIds));
    expect(version.catalogue.titles[0]).toBe(dataset.movies[0]!.title);
    const u = userIndex(version.history, dataset.userIds[7]!);
    expect(u).toBe(7);
    const own = dataset.ratings.user.filter((user) => user === 7).length;
    expect(userRatings(version.history, u).items.length).toBe(own);
  });
});

describe('recommendForUser', () => {
  it('recommends unrated movies for a known user, best first, with reasons from their movies', () => {
    const rawId = dataset.userIds[3]!;
    const result = recommendForUser(version, rawId, { limit: 5 });
    expect(result.coldStart).toBe(false);
    expect(result.movies).toHaveLength(5);
    const rated = new Set(
      Array.from(userRatings(version.history, 3).items, (item) => dataset.itemIds[item]!),
    );
    for (const movie of result.movies) expect(rated.has(movie.movieId)).toBe(false);
    const scores = result.movies.map((movie) => movie.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const movie of result.movies) {
      for (const reason of movie.because) expect(rated.has(reason.movieId)).toBe(true);
    }
  });

  it('answers an unknown user with the popular list, flagged as cold start', () => {
    const result = recommendForUser(version, 987654, { limit: 3 });
    expect(result.coldStart).toBe(true);
    const popular = Array.from(
      version.popularity.overall.items.subarray(0, 3),
      (item) => version.catalogue.itemIds[item],
    );
    expect(result.movies.map((movie) => movie.movieId)).toEqual(popular);
  });

  it('keeps to one genre when asked', () => {
    const genre = dataset.movies[0]!.genres[0]!;
    const result = recommendForUser(version, dataset.userIds[0]!, { limit: 5, genre });
    for (const movie of result.movies) expect(movie.genres).toContain(genre);
  });
});

describe('recommendForAnonymous', () => {
  it('resolves typed titles, leaves them out and explains with them', () => {
    const liked = [dataset.movies[1]!.title.toLowerCase(), dataset.movies[2]!.title];
    const result = recommendForAnonymous(
      version,
      liked.map((title) => ({ title })),
      { limit: 5 },
    );
    expect(result.basedOn.map((movie) => movie.movieId)).toEqual([
      dataset.itemIds[1],
      dataset.itemIds[2],
    ]);
    expect(result.movies.length).toBeGreaterThan(0);
    const likedIds = new Set([dataset.itemIds[1], dataset.itemIds[2]]);
    for (const movie of result.movies) {
      expect(likedIds.has(movie.movieId)).toBe(false);
      for (const reason of movie.because) expect(likedIds.has(reason.movieId)).toBe(true);
    }
  });

  it('names a title nothing matches', () => {
    expect(() =>
      recommendForAnonymous(version, [{ title: 'qqqq zzzz xxxx' }], { limit: 5 }),
    ).toThrow(UnknownTitleError);
  });
});
