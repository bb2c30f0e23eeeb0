import { describe, expect, it } from 'vitest';
import { dashboardAggregates } from '../../../../lambdas/app/pipeline/dashboard-aggregates.ts';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { computePopularity } from '../../../../lambdas/core/models/popularity.ts';

const at = (iso: string): number => Date.parse(iso) / 1000;
const movie = (id: number, title: string, year: number | null, genres: string[]) => ({
  id,
  title,
  year,
  genres,
  imdbId: null,
  tmdbId: null,
});

/**
 * Three users, three movies, five ratings and five tags, every figure worked out by hand below.
 * 2020-01-05 is a Sunday, 2020-01-06 a Monday, 2021-03-06 a Saturday, 2021-07-01 a Thursday.
 */
const ratings: [user: number, item: number, value: number, when: string][] = [
  [0, 0, 4, '2020-01-05T10:30:00Z'],
  [0, 1, 3, '2020-01-06T10:00:00Z'],
  [1, 0, 5, '2021-03-06T23:59:00Z'],
  [2, 0, 2, '2021-07-01T00:00:00Z'],
  [1, 2, 1, '2021-07-01T00:10:00Z'],
];
const dataset: Dataset = {
  name: 'tiny',
  userIds: Int32Array.from([1, 2, 3]),
  itemIds: Int32Array.from([10, 20, 30]),
  movies: [
    movie(10, 'A', 1995, ['Comedy', 'Drama']),
    movie(20, 'B', 2001, ['Drama']),
    movie(30, 'C', null, ['Comedy']),
  ],
  ratings: {
    user: Int32Array.from(ratings.map((r) => r[0])),
    item: Int32Array.from(ratings.map((r) => r[1])),
    value: Float32Array.from(ratings.map((r) => r[2])),
    timestamp: Uint32Array.from(ratings.map((r) => at(r[3]))),
  },
  tags: [
    { user: 0, item: 0, tag: 'Funny', timestamp: 0 },
    { user: 1, item: 0, tag: ' funny ', timestamp: 0 },
    { user: 1, item: 2, tag: 'funny', timestamp: 0 },
    { user: 2, item: 1, tag: 'Dark', timestamp: 0 },
    { user: 0, item: 1, tag: '   ', timestamp: 0 },
  ],
  scale: { min: 0.5, max: 5, step: 0.5 },
};
const popularity = computePopularity(dataset, { minCount: 1 });
const aggregates = dashboardAggregates(dataset, popularity);

describe('dashboardAggregates on a hand-checked dataset', () => {
  it('counts the dataset, ratings per value, per year, per user and per decade', () => {
    expect(aggregates.dataset).toEqual({ name: 'tiny', ratings: 5, users: 3, movies: 3, tags: 5 });
    expect(aggregates.ratingHistogram).toHaveLength(10);
    expect(aggregates.ratingHistogram.filter((b) => b.count > 0)).toEqual([
      { rating: 1, count: 1 },
      { rating: 2, count: 1 },
      { rating: 3, count: 1 },
      { rating: 4, count: 1 },
      { rating: 5, count: 1 },
    ]);
    expect(aggregates.ratingsPerYear).toEqual([
      { year: 2020, count: 2, mean: 3.5 },
      { year: 2021, count: 3, mean: 8 / 3 },
    ]);
    // Users with 2, 2 and 1 ratings.
    expect(aggregates.userActivity).toEqual([
      { from: 1, to: 2, users: 1 },
      { from: 2, to: 4, users: 2 },
    ]);
    expect(aggregates.moviesPerDecade).toEqual([
      { decade: 1990, movies: 1 },
      { decade: 2000, movies: 1 },
    ]);
  });

  it('genres overall and per year of rating', () => {
    // Comedy: A (3 ratings, mean 11/3) + C (1 rating of 1) = 12/4; Drama: A + B (3) = 14/4.
    expect(aggregates.genres).toEqual([
      { genre: 'Comedy', movies: 2, ratings: 4, mean: expect.closeTo(3, 5) },
      { genre: 'Drama', movies: 2, ratings: 4, mean: expect.closeTo(3.5, 5) },
    ]);
    expect(aggregates.genreYears).toEqual([
      { genre: 'Comedy', year: 2020, count: 1, mean: 4 },
      { genre: 'Comedy', year: 2021, count: 3, mean: 8 / 3 },
      { genre: 'Drama', year: 2020, count: 2, mean: 3.5 },
      { genre: 'Drama', year: 2021, count: 2, mean: 3.5 },
    ]);
  });

  it('an activity heatmap of all 168 weekday × hour cells, in UTC, Sunday first', () => {
    const { activityHeatmap } = aggregates;
    expect(activityHeatmap).toHaveLength(168);
    expect(activityHeatmap[0]).toEqual({ day: 0, hour: 0, count: 0 });
    expect(activityHeatmap[167]).toEqual({ day: 6, hour: 23, count: 1 });
    expect(activityHeatmap.filter((cell) => cell.count > 0)).toEqual([
      { day: 0, hour: 10, count: 1 },
      { day: 1, hour: 10, count: 1 },
      { day: 4, hour: 0, count: 2 },
      { day: 6, hour: 23, count: 1 },
    ]);
  });

  it('top movies by Bayesian average and by count', () => {
    // C = 15/5 = 3, m = 5 ratings / 3 rated movies; A: (11 + 5/3·3) / (3 + 5/3) = 24/7.
    const m = 5 / 3;
    const score = (count: number, mean: number) => (count * mean + m * 3) / (count + m);
    expect(aggregates.topByCount.map((entry) => entry.movieId)).toEqual([10, 20, 30]);
    expect(aggregates.topByCount[0]).toMatchObject({ title: 'A', count: 3 });
    expect(aggregates.topByCount[0]!.mean).toBeCloseTo(11 / 3, 5);
    expect(aggregates.topByCount[0]!.score).toBeCloseTo(24 / 7, 5);
    expect(aggregates.topByCount[1]!.score).toBeCloseTo(score(1, 3), 5);
    expect(aggregates.topMovies.map((entry) => entry.movieId)).toEqual([10, 20, 30]);
    expect(aggregates.topMovies[2]!.score).toBeCloseTo(score(1, 1), 5);
  });

  it('top tags, normalised, each with its most-tagged movies; blank tags ignored', () => {
    expect(aggregates.topTags).toEqual([
      {
        tag: 'funny',
        count: 3,
        movies: [
          { movieId: 10, title: 'A', count: 2 },
          { movieId: 30, title: 'C', count: 1 },
        ],
      },
      { tag: 'dark', count: 1, movies: [{ movieId: 20, title: 'B', count: 1 }] },
    ]);
    const limited = dashboardAggregates(dataset, popularity, { topTags: 1, moviesPerTag: 1 });
    expect(limited.topTags).toEqual([
      { tag: 'funny', count: 3, movies: [{ movieId: 10, title: 'A', count: 2 }] },
    ]);
  });
});
