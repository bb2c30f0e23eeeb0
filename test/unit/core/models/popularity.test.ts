import { describe, expect, it } from 'vitest';
import type { Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import {
  decodeModelVersion,
  encodeModelVersion,
} from '../../../../lambdas/core/model-codec/model-version.ts';
import {
  computePopularity,
  itemStats,
  popularItems,
  popularityFromArtifact,
  popularityToArtifact,
} from '../../../../lambdas/core/models/popularity.ts';
import { BUILT_IN_DATASET, loadDataset } from '../../../../lambdas/local/load-dataset.ts';

function ratingsOf(rows: [item: number, value: number][]): Ratings {
  return {
    user: Int32Array.from(rows, (_, k) => k),
    item: Int32Array.from(rows, ([item]) => item),
    value: Float32Array.from(rows, ([, value]) => value),
    timestamp: new Uint32Array(rows.length),
  };
}

// Item 0: 5,5 · item 1: 4×4 · item 2: 2×3 · item 3: one 5 · item 4: 3,3 · item 5: unrated.
const input = {
  ratings: ratingsOf([
    [0, 5],
    [0, 5],
    [1, 4],
    [1, 4],
    [1, 4],
    [1, 4],
    [2, 2],
    [2, 2],
    [2, 2],
    [3, 5],
    [4, 3],
    [4, 3],
  ]),
  movies: [
    { genres: ['Comedy'] },
    { genres: ['Comedy', 'Drama'] },
    { genres: ['Drama'] },
    { genres: ['Drama'] },
    { genres: ['(no genres listed)'] },
    { genres: ['Comedy'] },
  ],
  scale: { min: 1, max: 5, step: 1 },
};
const C = 43 / 12;

describe('popularity', () => {
  it('ranks by the Bayesian average and drops items under the minimum count', () => {
    const { overall, byGenre, stats } = computePopularity(input, { priorWeight: 2, minCount: 2 });
    expect(stats.globalMean).toBeCloseTo(C, 6);
    expect(Array.from(overall.items)).toEqual([0, 1, 4, 2]);
    expect(overall.scores[0]).toBeCloseTo((10 + 2 * C) / 4, 5);
    expect(overall.scores[1]).toBeCloseTo((16 + 2 * C) / 6, 5);
    expect(overall.scores[2]).toBeCloseTo((6 + 2 * C) / 4, 5);
    expect(overall.scores[3]).toBeCloseTo((6 + 2 * C) / 5, 5);
    expect(Array.from(overall.counts)).toEqual([2, 4, 2, 3]);
    expect(Array.from(overall.means)).toEqual([5, 4, 3, 2]);
    expect(Object.keys(byGenre)).toEqual(['Comedy', 'Drama']);
    expect(Array.from(byGenre.Comedy!.items)).toEqual([0, 1]);
    expect(Array.from(byGenre.Drama!.items)).toEqual([1, 2]);
    expect(byGenre.Drama!.scores[0]).toBe(overall.scores[1]);
  });

  it('defaults: m = mean ratings per rated item, minimum count = ⌈m⌉', () => {
    const popularity = computePopularity(input);
    expect(popularity.stats.priorWeight).toBeCloseTo(12 / 5, 10);
    expect(popularity.minCount).toBe(3);
    expect(Array.from(popularity.overall.items)).toEqual([1, 2]);
    expect(popularity.overall.scores[0]).toBeCloseTo((16 + 2.4 * C) / 6.4, 5);
  });

  it('limits every list', () => {
    const { overall, byGenre } = computePopularity(input, {
      priorWeight: 2,
      minCount: 2,
      limit: 1,
    });
    expect(Array.from(overall.items)).toEqual([0]);
    expect(Array.from(byGenre.Comedy!.items)).toEqual([0]);
    expect(Array.from(byGenre.Drama!.items)).toEqual([1]);
  });

  it('gives per-item statistics with a histogram over the rating steps', () => {
    const { stats } = computePopularity(input, { priorWeight: 2 });
    expect(itemStats(stats, 0)).toEqual({
      count: 2,
      mean: 5,
      bayesianAverage: (10 + 2 * C) / 4,
      histogram: new Int32Array([0, 0, 0, 0, 2]),
    });
    expect(itemStats(stats, 5)).toEqual({
      count: 0,
      mean: null,
      bayesianAverage: C,
      histogram: new Int32Array(5),
    });
    expect(() => itemStats(stats, 6)).toThrow(RangeError);
  });

  it('answers cold-start requests, skipping excluded items', () => {
    const popularity = computePopularity(input, { priorWeight: 2, minCount: 2 });
    const picks = popularItems(popularity, { limit: 2, exclude: [0] });
    expect(Array.from(picks.items)).toEqual([1, 4]);
    expect(picks.scores[0]).toBe(popularity.overall.scores[1]);
    expect(Array.from(popularItems(popularity, { limit: 5, genre: 'Drama' }).items)).toEqual([
      1, 2,
    ]);
    expect(popularItems(popularity, { limit: 5, genre: 'Western' }).items.length).toBe(0);
  });

  it('survives the model codec exactly', () => {
    const popularity = computePopularity(input, { priorWeight: 2, minCount: 2 });
    const files = encodeModelVersion({
      version: 'v',
      createdAt: '2026-01-01T00:00:00Z',
      dataset: { name: 't', fingerprint: '0'.repeat(64), ratings: 12, users: 12, items: 6 },
      artifacts: { popularity: popularityToArtifact(popularity) },
    });
    const back = popularityFromArtifact(decodeModelVersion(files).artifacts.popularity!);
    expect(back).toEqual(popularity);
  });

  it('puts well-loved, much-rated films first on ml-latest-small', async () => {
    const { dataset } = await loadDataset(BUILT_IN_DATASET);
    const { overall, byGenre, minCount } = computePopularity(dataset);
    expect(minCount).toBe(11);
    const top = Array.from(overall.items.subarray(0, 10), (i) => dataset.movies[i]!.title);
    expect(top[0]).toBe('Shawshank Redemption, The');
    expect(top).toContain('Godfather, The');
    expect(Math.min(...overall.counts.subarray(0, 10))).toBeGreaterThanOrEqual(50);
    expect(dataset.movies[byGenre.Animation!.items[0]!]!.genres).toContain('Animation');
  });
});
