import type { RatingScale } from '../core/dataset/dataset.ts';
import { reasonsFromShares } from '../core/models/explanations.ts';
import {
  blendHybridScores,
  contentAffinity,
  contentAffinityShares,
} from '../core/models/hybrid-scores.ts';
import { standardisedShares } from '../core/models/score-shares.ts';
import { standardisation, type Standardisation } from '../core/models/standardised-sum.ts';
import { topN } from '../core/models/top-n.ts';
import { rankingShares } from './explain.ts';
import type { ModelVersion } from './model-version.ts';
import type { Recommendations } from './recommendation.ts';
import { recommendedMovies } from './recommended-movies.ts';
import { describeMovie, keepGenre } from './recommend-for-user.ts';

/** A title the catalogue has nothing close to; the message names it. */
export class UnknownTitleError extends Error {
  override readonly name = 'UnknownTitleError';
  constructor(readonly query: string) {
    super(`no movie matches "${query}"`);
  }
}

/** The parts of a model version the fold-in uses (the API loads only these). */
export type FoldInModel = Pick<
  ModelVersion,
  'ranking' | 'catalogue' | 'titles' | 'similarity' | 'contentNeighbours'
> & {
  rating: { scale: RatingScale };
};

/** What an anonymous visitor tells us: titles as typed or movie ids, each with a rating. */
export interface AnonymousRating {
  title?: string;
  movieId?: number;
  /** Default: the top of the scale ("I liked it"). */
  rating?: number;
}

/**
 * Real-time recommendations for someone the model has never seen: resolve their movies (fuzzy
 * title match), fold them into a user vector against the fixed item factors (one regularised
 * least-squares solve, docs/architecture.md §8), score the catalogue and explain with their own
 * movies (the ones with the largest shares of each score).
 */
export function recommendForAnonymous(
  version: FoldInModel,
  liked: readonly AnonymousRating[],
  options: { limit: number; genre?: string; alpha?: number },
): Recommendations {
  const items: number[] = [];
  const ratings: number[] = [];
  for (const entry of liked) {
    const item = resolveMovie(version, entry);
    if (items.includes(item)) continue;
    items.push(item);
    ratings.push(entry.rating ?? version.rating.scale.max);
  }
  return recommendFromRatings(version, items, ratings, options);
}

/**
 * The fold-in itself: a user vector from (dense item, rating) pairs against the fixed item
 * factors, the catalogue scored with it, the rated items excluded, and the top explained by the
 * rated ones. `items` must be distinct. `alpha` below 1 blends in content similarity to the rated
 * items (hybrid-scores.ts): 1 (the default) is the fold-in alone, 0 content alone.
 */
export function recommendFromRatings(
  version: FoldInModel,
  items: readonly number[],
  ratings: readonly number[],
  options: { limit: number; genre?: string; alpha?: number },
): Recommendations {
  const order = items.map((_, j) => j).sort((a, b) => items[a]! - items[b]!);
  const sortedItems = Int32Array.from(order, (j) => items[j]!);
  const sortedRatings = Float32Array.from(order, (j) => ratings[j]!);

  const rated = { items: sortedItems, values: sortedRatings };
  const contentNeighbours = version.contentNeighbours ?? undefined;

  const scores = new Float32Array(version.ranking.items);
  version.ranking.foldIn(sortedItems, sortedRatings, scores);
  let hybrid: Standardisation | undefined;
  if (options.alpha !== undefined && options.alpha < 1) {
    const content = contentAffinity(
      version.similarity,
      items,
      ratings,
      version.rating.scale,
      contentNeighbours,
    );
    hybrid = standardisation(scores, content, options.alpha, 1 - options.alpha);
    blendHybridScores(scores, content, options.alpha);
  }
  if (options.genre !== undefined) keepGenre(version, scores, options.genre);
  const top = topN(scores, options.limit, sortedItems);

  // Reasons from the shares of the scores the list was ranked by: the fold-in's, and with
  // alpha < 1 the content affinity's too, through the same standardisation.
  let shares = rankingShares(version.ranking, top.items, rated);
  if (hybrid !== undefined) {
    const content = contentAffinityShares(
      version.similarity,
      sortedItems,
      sortedRatings,
      version.rating.scale,
      top.items,
      contentNeighbours,
    );
    shares = standardisedShares(shares, content, hybrid);
  }
  return {
    coldStart: false,
    basedOn: items.map((item) => describeMovie(version, item)),
    movies: recommendedMovies(version, top.items, top.scores, reasonsFromShares(shares, rated)),
  };
}

function resolveMovie(version: FoldInModel, entry: AnonymousRating): number {
  if (entry.movieId !== undefined) {
    const item = version.catalogue.itemIds.indexOf(entry.movieId);
    if (item < 0) throw new UnknownTitleError(`movieId ${entry.movieId}`);
    return item;
  }
  const query = entry.title ?? '';
  const item = version.titles.resolve(query);
  if (item < 0) throw new UnknownTitleError(query);
  return item;
}
