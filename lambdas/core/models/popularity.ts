import type { Movie, RatingScale, Ratings } from '../dataset/dataset.ts';
import type { ModelArtifact } from './artifact.ts';
import { artifactFloat32, artifactInt32 } from './artifact-arrays.ts';

/**
 * Popularity: the cold-start answer for users we know nothing about, overall and per genre, and
 * the per-item rating statistics a movie page shows. Numeric kernels read typed arrays with `!`
 * (indices are in range by construction).
 */

/** Best first. */
export interface RankedList {
  items: Int32Array;
  scores: Float32Array;
  counts: Int32Array;
  means: Float32Array;
}

export interface PopularityInput {
  ratings: Ratings;
  /** Dense item index → genres; its length is the item count. */
  movies: readonly Pick<Movie, 'genres'>[];
  scale: RatingScale;
}

export interface PopularityParams {
  /** Items with fewer ratings are not listed. Default: the prior weight, rounded up (as IMDb). */
  minCount?: number;
  /** m in the Bayesian average. Default: mean number of ratings per rated item. */
  priorWeight?: number;
  /** Longest list kept, overall and per genre. Default: every item that qualifies. */
  limit?: number;
}

/** Per item, struct of arrays. */
export interface ItemRatingStats {
  counts: Int32Array;
  means: Float32Array;
  /** items × bins counts of each allowed rating value, bin b = scale.min + b·scale.step. */
  histogram: Int32Array;
  bins: number;
  scale: RatingScale;
  /** Mean of all ratings (C). */
  globalMean: number;
  /** m. */
  priorWeight: number;
}

export interface Popularity {
  overall: RankedList;
  /** Genre → its items in the overall order (scores use the global mean, so lists compare). */
  byGenre: Record<string, RankedList>;
  stats: ItemRatingStats;
  minCount: number;
}

export interface ItemStats {
  count: number;
  mean: number | null;
  bayesianAverage: number;
  /** Count per allowed rating, lowest rating first. */
  histogram: Int32Array;
}

/** MovieLens marks a movie without genres with this pseudo-genre; it is not a list to browse. */
const NO_GENRES = '(no genres listed)';

/**
 * Bayesian average (IMDb's Top 250 "weighted rating"): WR = (v·R + m·C) / (v + m), with v the
 * item's rating count, R its mean, C the mean of all ratings and m the prior weight — the item's
 * mean shrunk towards C by m pseudo-ratings, so a handful of 5-star ratings does not outrank a
 * film hundreds rated highly.
 */
export const bayesianAverage = (
  count: number,
  mean: number,
  globalMean: number,
  priorWeight: number,
): number => (count * mean + priorWeight * globalMean) / (count + priorWeight);

export function itemRatingStats(
  ratings: Ratings,
  itemCount: number,
  scale: RatingScale,
  priorWeight?: number,
): ItemRatingStats {
  const bins = Math.round((scale.max - scale.min) / scale.step) + 1;
  const counts = new Int32Array(itemCount);
  const sums = new Float64Array(itemCount);
  const histogram = new Int32Array(itemCount * bins);
  let total = 0;
  const n = ratings.value.length;
  for (let k = 0; k < n; k++) {
    const item = ratings.item[k]!;
    const value = ratings.value[k]!;
    counts[item]!++;
    sums[item]! += value;
    total += value;
    const bin = Math.min(bins - 1, Math.max(0, Math.round((value - scale.min) / scale.step)));
    histogram[item * bins + bin]!++;
  }
  const means = new Float32Array(itemCount);
  let rated = 0;
  for (let i = 0; i < itemCount; i++) {
    if (counts[i]! > 0) {
      means[i] = sums[i]! / counts[i]!;
      rated++;
    }
  }
  const m = priorWeight ?? (rated > 0 ? n / rated : 0);
  if (!(m >= 0)) throw new RangeError(`priorWeight must be ≥ 0, got ${m}`);
  return {
    counts,
    means,
    histogram,
    bins,
    scale,
    globalMean: n > 0 ? total / n : 0,
    priorWeight: m,
  };
}

/** What the movie page shows for one item. */
export function itemStats(stats: ItemRatingStats, item: number): ItemStats {
  const count = stats.counts[item];
  if (count === undefined) throw new RangeError(`item ${item} out of range`);
  const mean = count > 0 ? stats.means[item]! : null;
  return {
    count,
    mean,
    bayesianAverage: bayesianAverage(count, mean ?? 0, stats.globalMean, stats.priorWeight),
    histogram: stats.histogram.slice(item * stats.bins, (item + 1) * stats.bins),
  };
}

export function computePopularity(
  input: PopularityInput,
  params: PopularityParams = {},
): Popularity {
  const itemCount = input.movies.length;
  const stats = itemRatingStats(input.ratings, itemCount, input.scale, params.priorWeight);
  const minCount = params.minCount ?? Math.max(1, Math.ceil(stats.priorWeight));
  const limit = params.limit ?? Number.POSITIVE_INFINITY;

  const scores = new Float32Array(itemCount);
  const qualifying: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    const count = stats.counts[i]!;
    if (count < minCount || count === 0) continue;
    scores[i] = bayesianAverage(count, stats.means[i]!, stats.globalMean, stats.priorWeight);
    qualifying.push(i);
  }
  qualifying.sort(
    (a, b) => scores[b]! - scores[a]! || stats.counts[b]! - stats.counts[a]! || a - b,
  );

  const genreItems = new Map<string, number[]>();
  for (const item of qualifying) {
    for (const genre of input.movies[item]!.genres) {
      if (genre === NO_GENRES) continue;
      let list = genreItems.get(genre);
      if (list === undefined) genreItems.set(genre, (list = []));
      if (list.length < limit && list[list.length - 1] !== item) list.push(item);
    }
  }
  const byGenre: Record<string, RankedList> = {};
  for (const genre of [...genreItems.keys()].sort()) {
    byGenre[genre] = rankedList(genreItems.get(genre)!, scores, stats);
  }
  return {
    overall: rankedList(qualifying.slice(0, limit), scores, stats),
    byGenre,
    stats,
    minCount,
  };
}

function rankedList(
  items: readonly number[],
  scores: Float32Array,
  stats: ItemRatingStats,
): RankedList {
  const list: RankedList = {
    items: Int32Array.from(items),
    scores: new Float32Array(items.length),
    counts: new Int32Array(items.length),
    means: new Float32Array(items.length),
  };
  for (let r = 0; r < items.length; r++) {
    const item = items[r]!;
    list.scores[r] = scores[item]!;
    list.counts[r] = stats.counts[item]!;
    list.means[r] = stats.means[item]!;
  }
  return list;
}

export interface PopularPicks {
  limit: number;
  /** Restrict to one genre's list (unknown genre → empty). */
  genre?: string;
  /** Items not to recommend, e.g. the ones the user has already rated. */
  exclude?: ArrayLike<number>;
}

/** The cold-start recommendation: the best-ranked items not excluded. */
export function popularItems(popularity: Popularity, picks: PopularPicks): RankedList {
  const list = picks.genre === undefined ? popularity.overall : popularity.byGenre[picks.genre];
  if (list === undefined) return rankedList([], new Float32Array(0), popularity.stats);
  const excluded = new Set<number>();
  for (let j = 0; j < (picks.exclude?.length ?? 0); j++) excluded.add(picks.exclude![j]!);
  const chosen: number[] = [];
  for (let r = 0; r < list.items.length && chosen.length < picks.limit; r++) {
    if (!excluded.has(list.items[r]!)) chosen.push(r);
  }
  const pick = <T extends Int32Array | Float32Array>(from: T, to: T): T => {
    chosen.forEach((r, j) => (to[j] = from[r]!));
    return to;
  };
  return {
    items: pick(list.items, new Int32Array(chosen.length)),
    scores: pick(list.scores, new Float32Array(chosen.length)),
    counts: pick(list.counts, new Int32Array(chosen.length)),
    means: pick(list.means, new Float32Array(chosen.length)),
  };
}

/**
 * Stores the item statistics and the ranked item ids only; scores, counts and means are derived
 * again from the statistics on load, so the artifact cannot disagree with itself.
 */
export function popularityToArtifact(popularity: Popularity): ModelArtifact {
  const { stats } = popularity;
  const genres = Object.keys(popularity.byGenre);
  const offsets = new Int32Array(genres.length + 1);
  genres.forEach((g, j) => (offsets[j + 1] = offsets[j]! + popularity.byGenre[g]!.items.length));
  const genreItems = new Int32Array(offsets[genres.length]!);
  genres.forEach((g, j) => genreItems.set(popularity.byGenre[g]!.items, offsets[j]!));
  return {
    kind: 'popularity',
    params: {
      genres,
      minCount: popularity.minCount,
      priorWeight: stats.priorWeight,
      globalMean: stats.globalMean,
      scale: { ...stats.scale },
    },
    arrays: {
      itemCounts: stats.counts,
      itemMeans: stats.means,
      itemHistogram: stats.histogram,
      overallItems: popularity.overall.items,
      genreItems,
      genreOffsets: offsets,
    },
  };
}

export function popularityFromArtifact(artifact: ModelArtifact): Popularity {
  if (artifact.kind !== 'popularity')
    throw new Error(`expected a popularity artifact, got ${artifact.kind}`);
  const p = artifact.params as {
    genres: string[];
    minCount: number;
    priorWeight: number;
    globalMean: number;
    scale: RatingScale;
  };
  const bins = Math.round((p.scale.max - p.scale.min) / p.scale.step) + 1;
  const counts = artifactInt32(artifact, 'itemCounts');
  const itemCount = counts.length;
  const stats: ItemRatingStats = {
    counts,
    means: artifactFloat32(artifact, 'itemMeans', itemCount),
    histogram: artifactInt32(artifact, 'itemHistogram', itemCount * bins),
    bins,
    scale: p.scale,
    globalMean: p.globalMean,
    priorWeight: p.priorWeight,
  };
  const offsets = artifactInt32(artifact, 'genreOffsets', p.genres.length + 1);
  const genreItems = artifactInt32(artifact, 'genreItems', offsets[p.genres.length]);
  const overallItems = artifactInt32(artifact, 'overallItems');
  for (const list of [overallItems, genreItems]) {
    for (let r = 0; r < list.length; r++) {
      if (!(list[r]! >= 0 && list[r]! < itemCount))
        throw new Error(`popularity artifact: item ${list[r]} out of range`);
    }
  }
  const scores = new Float32Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    scores[i] = bayesianAverage(counts[i]!, stats.means[i]!, stats.globalMean, stats.priorWeight);
  }
  const byGenre: Record<string, RankedList> = {};
  p.genres.forEach((g, j) => {
    byGenre[g] = rankedList(
      Array.from(genreItems.subarray(offsets[j]!, offsets[j + 1]!)),
      scores,
      stats,
    );
  });
  return {
    overall: rankedList(Array.from(overallItems), scores, stats),
    byGenre,
    stats,
    minCount: p.minCount,
  };
}
