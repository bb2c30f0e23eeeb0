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
import { rankingModelFromArtifact } from '../../../lambdas/core/models/ranking-model.ts';
import {
  contentAffinity,
  contentAffinityShares,
} from '../../../lambdas/core/models/hybrid-scores.ts';
import { standardisation } from '../../../lambdas/core/models/standardised-sum.ts';
import {
  scoreExplainer,
  standardisedShares,
  type RatedItems,
  type ScoreShares,
} from '../../../lambdas/core/models/score-shares.ts';
import type { Recommendations } from '../../../lambdas/app/recommendation.ts';

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

/** The served items' dense indices. */
const servedItems = (result: Recommendations): Int32Array =>
  Int32Array.from(result.movies, (movie) => version.catalogue.itemIds.indexOf(movie.movieId));

/** Per target, the rated movie ids with the two largest positive shares, computed directly. */
function topShares(shares: ScoreShares, rated: RatedItems): number[][] {
  return Array.from({ length: shares.targets }, (_, t) => {
    const row = [...shares.shares.subarray(t * shares.rated, (t + 1) * shares.rated)];
    return row
      .map((share, r) => ({ share, r }))
      .filter(({ share }) => share > 0)
      .sort((a, b) => b.share - a.share)
      .slice(0, 2)
      .map(({ r }) => version.catalogue.itemIds[rated.items[r]!]!);
  });
}

/** A fresh copy of the version's ranking model, so nothing is shared with the app's. */
const rankingCopy = () => rankingModelFromArtifact(version.ranking.toArtifact());

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

  it('gives as reasons the rated movies with the largest positive shares of each score', () => {
    expect(version.ranking.kind).toBe('ease+ials');
    const user = 11;
    const rated = userRatings(version.history, user);
    const result = recommendForUser(version, dataset.userIds[user]!, { limit: 10 });
    const shares = scoreExplainer(rankingCopy())(rated, servedItems(result), user);
    const because = result.movies.map((movie) => movie.because.map((m) => m.movieId));
    expect(because).toEqual(topShares(shares, rated));
    expect(because.flat().length).toBeGreaterThan(0);
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

  it('explains by shares of the scores it ranked by, content included when alpha < 1', () => {
    const picks = [3, 8, 15, 21].map((item) => ({
      movieId: dataset.itemIds[item]!,
      rating: item === 8 ? 1 : 4.5,
    }));
    const rated = {
      items: Int32Array.from([3, 8, 15, 21]),
      values: Float32Array.from([4.5, 1, 4.5, 4.5]),
    };
    const alone = recommendForAnonymous(version, picks, { limit: 8 });
    const shares = scoreExplainer(rankingCopy())(rated, servedItems(alone));
    const because = (result: Recommendations) =>
      result.movies.map((movie) => movie.because.map((m) => m.movieId));
    expect(because(alone)).toEqual(topShares(shares, rated));
    alone.movies.forEach((movie, t) => {
      const row = shares.shares.subarray(t * 4, t * 4 + 4);
      expect(row.reduce((a, b) => a + b, shares.offset)).toBeCloseTo(movie.score, 4);
    });
    // With alpha < 1 the list is ranked by alpha·z(fold-in) + (1 − alpha)·z(content affinity):
    // the shares of both sides go through that standardisation.
    const hybrid = recommendForAnonymous(version, picks, { limit: 8, alpha: 0.3 });
    const targets = servedItems(hybrid);
    const { scale } = version.rating;
    const table = version.contentNeighbours ?? undefined;
    const model = rankingCopy();
    const folded = new Float32Array(model.items);
    model.foldIn(rated.items, rated.values, folded);
    const content = contentAffinity(
      version.similarity,
      [3, 8, 15, 21],
      [4.5, 1, 4.5, 4.5],
      scale,
      table,
    );
    const both = standardisedShares(
      scoreExplainer(model)(rated, targets),
      contentAffinityShares(version.similarity, rated.items, rated.values, scale, targets, table),
      standardisation(folded, content, 0.3, 0.7),
    );
    expect(because(hybrid)).toEqual(topShares(both, rated));
    hybrid.movies.forEach((movie, t) => {
      const row = both.shares.subarray(t * 4, t * 4 + 4);
      expect(row.reduce((a, b) => a + b, both.offset)).toBeCloseTo(movie.score, 4);
    });
  });

  it('names a title nothing matches', () => {
    expect(() =>
      recommendForAnonymous(version, [{ title: 'qqqq zzzz xxxx' }], { limit: 5 }),
    ).toThrow(UnknownTitleError);
  });
});
