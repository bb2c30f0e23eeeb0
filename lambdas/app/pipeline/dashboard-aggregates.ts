import type { Dataset } from '../../core/dataset/dataset.ts';
import { normaliseTag } from '../../core/models/content-features.ts';
import type { Popularity } from '../../core/models/popularity.ts';
import { bayesianAverage } from '../../core/models/popularity.ts';

/** A movie in a ranking of the dashboard; `score` is its Bayesian average rating. */
export interface RankedMovie {
  movieId: number;
  title: string;
  count: number;
  mean: number;
  score: number;
}

/** The analytics page's figures, computed once per version over the whole dataset. */
export interface DashboardAggregates {
  dataset: { name: string; ratings: number; users: number; movies: number; tags: number };
  /** Count of each allowed rating, lowest first, with the rating values. */
  ratingHistogram: { rating: number; count: number }[];
  ratingsPerYear: { year: number; count: number; mean: number }[];
  genres: { genre: string; movies: number; ratings: number; mean: number | null }[];
  /** Ratings given per genre per calendar year (UTC), by genre name then year. */
  genreYears: { genre: string; year: number; count: number; mean: number }[];
  /** Ratings per weekday (0 = Sunday) and hour (UTC): all 7 × 24 cells, day-major. */
  activityHeatmap: { day: number; hour: number; count: number }[];
  /** Users by number of ratings, in power-of-two buckets [from, to). */
  userActivity: { from: number; to: number; users: number }[];
  moviesPerDecade: { decade: number; movies: number }[];
  /** Best by Bayesian average (movies with at least the popularity's minimum count). */
  topMovies: RankedMovie[];
  /** Most rated, ties to the better Bayesian average. */
  topByCount: RankedMovie[];
  /** Most used tags (normalised), each with the movies it was applied to most. */
  topTags: {
    tag: string;
    count: number;
    movies: { movieId: number; title: string; count: number }[];
  }[];
}

export interface DashboardLimits {
  /** @default 20 */
  topMovies?: number;
  /** @default 20 */
  topTags?: number;
  /** Movies listed per tag. @default 5 */
  moviesPerTag?: number;
}

/** Aggregates for the dashboard; one pass over the ratings, one over the tags. */
export function dashboardAggregates(
  dataset: Dataset,
  popularity: Popularity,
  limits: DashboardLimits = {},
): DashboardAggregates {
  const topMovies = limits.topMovies ?? 20;
  const { ratings, scale } = dataset;
  const bins = Math.round((scale.max - scale.min) / scale.step) + 1;
  const histogram = new Array<number>(bins).fill(0);
  const perYear = new Map<number, { count: number; sum: number }>();
  const perGenreYear = new Map<string, Map<number, { count: number; sum: number }>>();
  const heatmap = new Array<number>(7 * 24).fill(0);
  const perUser = new Int32Array(dataset.userIds.length);
  const add = (map: Map<number, { count: number; sum: number }>, key: number, value: number) => {
    const entry = map.get(key);
    if (entry === undefined) map.set(key, { count: 1, sum: value });
    else {
      entry.count++;
      entry.sum += value;
    }
  };
  for (let k = 0; k < ratings.value.length; k++) {
    const value = ratings.value[k]!;
    const bin = Math.round((value - scale.min) / scale.step);
    histogram[bin] = (histogram[bin] ?? 0) + 1;
    const at = new Date(ratings.timestamp[k]! * 1000);
    const year = at.getUTCFullYear();
    add(perYear, year, value);
    for (const genre of dataset.movies[ratings.item[k]!]!.genres) {
      let years = perGenreYear.get(genre);
      if (years === undefined) perGenreYear.set(genre, (years = new Map()));
      add(years, year, value);
    }
    heatmap[at.getUTCDay() * 24 + at.getUTCHours()]!++;
    perUser[ratings.user[k]!]!++;
  }
  const { counts, means, globalMean, priorWeight } = popularity.stats;
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
  const ranked = (item: number): RankedMovie => ({
    movieId: dataset.itemIds[item]!,
    title: dataset.movies[item]!.title,
    count: counts[item]!,
    mean: means[item]!,
    score: bayesianAverage(counts[item]!, means[item]!, globalMean, priorWeight),
  });
  const { overall } = popularity;
  const byCount = Array.from(counts.keys())
    .filter((item) => counts[item]! > 0)
    .map(ranked)
    .sort((a, b) => b.count - a.count || b.score - a.score || a.movieId - b.movieId)
    .slice(0, topMovies);
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
    genreYears: [...perGenreYear]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .flatMap(([genre, years]) =>
        [...years]
          .sort((a, b) => a[0] - b[0])
          .map(([year, e]) => ({ genre, year, count: e.count, mean: e.sum / e.count })),
      ),
    activityHeatmap: heatmap.map((count, cell) => ({
      day: Math.floor(cell / 24),
      hour: cell % 24,
      count,
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
    topByCount: byCount,
    topTags: topTags(dataset, limits.topTags ?? 20, limits.moviesPerTag ?? 5),
  };
}

/** Tags by times applied (normalised as the content features are), ties by name. */
function topTags(
  dataset: Dataset,
  limit: number,
  moviesPerTag: number,
): DashboardAggregates['topTags'] {
  const perTag = new Map<string, { count: number; items: Map<number, number> }>();
  for (const tag of dataset.tags) {
    const name = normaliseTag(tag.tag);
    if (name === '') continue;
    let entry = perTag.get(name);
    if (entry === undefined) perTag.set(name, (entry = { count: 0, items: new Map() }));
    entry.count++;
    entry.items.set(tag.item, (entry.items.get(tag.item) ?? 0) + 1);
  }
  return [...perTag]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([tag, entry]) => ({
      tag,
      count: entry.count,
      movies: [...entry.items]
        .sort((a, b) => b[1] - a[1] || dataset.itemIds[a[0]]! - dataset.itemIds[b[0]]!)
        .slice(0, moviesPerTag)
        .map(([item, count]) => ({
          movieId: dataset.itemIds[item]!,
          title: dataset.movies[item]!.title,
          count,
        })),
    }));
}
