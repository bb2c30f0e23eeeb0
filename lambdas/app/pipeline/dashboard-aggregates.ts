import type { Dataset } from '../../core/dataset/dataset.ts';
import type { Popularity } from '../../core/models/popularity.ts';

/** The analytics page's figures, computed once per version over the whole dataset. */
export interface DashboardAggregates {
  dataset: { name: string; ratings: number; users: number; movies: number; tags: number };
  /** Count of each allowed rating, lowest first, with the rating values. */
  ratingHistogram: { rating: number; count: number }[];
  ratingsPerYear: { year: number; count: number; mean: number }[];
  genres: { genre: string; movies: number; ratings: number; mean: number | null }[];
  /** Users by number of ratings, in power-of-two buckets [from, to). */
  userActivity: { from: number; to: number; users: number }[];
  moviesPerDecade: { decade: number; movies: number }[];
  topMovies: { movieId: number; title: string; count: number; mean: number; score: number }[];
}

/** Aggregates for the dashboard; one pass over the ratings plus per-item sums. */
export function dashboardAggregates(
  dataset: Dataset,
  popularity: Popularity,
  topMovies = 20,
): DashboardAggregates {
  const { ratings, scale } = dataset;
  const bins = Math.round((scale.max - scale.min) / scale.step) + 1;
  const histogram = new Array<number>(bins).fill(0);
  const perYear = new Map<number, { count: number; sum: number }>();
  const perUser = new Int32Array(dataset.userIds.length);
  for (let k = 0; k < ratings.value.length; k++) {
    const value = ratings.value[k]!;
    const bin = Math.round((value - scale.min) / scale.step);
    histogram[bin] = (histogram[bin] ?? 0) + 1;
    const year = new Date(ratings.timestamp[k]! * 1000).getUTCFullYear();
    const entry = perYear.get(year) ?? { count: 0, sum: 0 };
    entry.count++;
    entry.sum += value;
    perYear.set(year, entry);
    perUser[ratings.user[k]!]!++;
  }
  const { counts, means } = popularity.stats;
  const genres = new Map<string, { movies: number; ratings: number; sum: number }>();
  const decades = new Map<number, number>();
  dataset.movies.forEach((movie, item) => {
    for (const genre of movie.genres) {
      const entry = genres.get(genre) ?? { movies: 0, ratings: 0, sum: 0 };
      entry.movies++;
      entry.ratings += counts[item]!;
      entry.sum += counts[item]! * means[item]!;
      genres.set(genre, entry);
    }
    if (movie.year !== null) {
      const decade = Math.floor(movie.year / 10) * 10;
      decades.set(decade, (decades.get(decade) ?? 0) + 1);
    }
  });
  const activity: DashboardAggregates['userActivity'] = [];
  for (const n of perUser) {
    const bucket = n < 1 ? 0 : Math.floor(Math.log2(n));
    while (activity.length <= bucket) {
      const from = 2 ** activity.length;
      activity.push({ from, to: from * 2, users: 0 });
    }
    activity[bucket]!.users++;
  }
  const { overall } = popularity;
  return {
    dataset: {
      name: dataset.name,
      ratings: ratings.value.length,
      users: dataset.userIds.length,
      movies: dataset.movies.length,
      tags: dataset.tags.length,
    },
    ratingHistogram: histogram.map((count, b) => ({ rating: scale.min + b * scale.step, count })),
    ratingsPerYear: [...perYear]
      .sort((a, b) => a[0] - b[0])
      .map(([year, e]) => ({ year, count: e.count, mean: e.sum / e.count })),
    genres: [...genres]
      .sort((a, b) => b[1].ratings - a[1].ratings)
      .map(([genre, e]) => ({
        genre,
        movies: e.movies,
        ratings: e.ratings,
        mean: e.ratings > 0 ? e.sum / e.ratings : null,
      })),
    userActivity: activity,
    moviesPerDecade: [...decades]
      .sort((a, b) => a[0] - b[0])
      .map(([decade, movies]) => ({ decade, movies })),
    topMovies: Array.from(overall.items.subarray(0, topMovies), (item, r) => ({
      movieId: dataset.itemIds[item]!,
      title: dataset.movies[item]!.title,
      count: overall.counts[r]!,
      mean: overall.means[r]!,
      score: overall.scores[r]!,
    })),
  };
}
