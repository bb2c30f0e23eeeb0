/**
 * The in-memory dataset every model and protocol works on. Raw MovieLens ids are mapped once to
 * dense indices (users by ascending raw id, items in the order of the movies file), so models
 * work on typed arrays and never on maps or strings.
 */

export interface Movie {
  /** Raw MovieLens movieId. */
  id: number;
  /** Title without the trailing "(year)". */
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
}

export interface Tag {
  /** Dense user index when the user has ratings, otherwise -1 (tags may come from non-raters). */
  user: number;
  /** Dense item index. */
  item: number;
  tag: string;
  timestamp: number;
}

/**
 * Ratings in struct-of-arrays form: rating k is (user[k], item[k], value[k], timestamp[k]).
 * 16 bytes per rating.
 */
export interface Ratings {
  user: Int32Array;
  item: Int32Array;
  value: Float32Array;
  /** Unix seconds. */
  timestamp: Uint32Array;
}

export interface RatingScale {
  min: number;
  max: number;
  /** Smallest step between allowed ratings (0.5 for half stars, 1 for whole stars). */
  step: number;
}

export interface Dataset {
  /** e.g. "ml-latest-small", "ml-100k", "synthetic". */
  name: string;
  /** Dense user index → raw userId. */
  userIds: Int32Array;
  /** Dense item index → raw movieId; items[i].id === itemIds[i]. */
  itemIds: Int32Array;
  /** Dense item index → movie metadata. */
  movies: Movie[];
  ratings: Ratings;
  tags: Tag[];
  scale: RatingScale;
}

export const ratingCount = (dataset: Dataset): number => dataset.ratings.value.length;
export const userCount = (dataset: Dataset): number => dataset.userIds.length;
export const itemCount = (dataset: Dataset): number => dataset.itemIds.length;
