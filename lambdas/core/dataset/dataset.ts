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
/**
 * The tag genome (genome-scores.csv + genome-tags.csv of ml-20m/25m and some older releases): for
 * each movie it covers, how strongly each of ~1,128 tags applies, a relevance in [0, 1] predicted
 * from tags, ratings and reviews (Vig, Sen & Riedl 2012, "The Tag Genome").
 */
export interface Genome {
  /** Genome tag text by genome tag index (ascending tagId). */
  tags: string[];
  /** Dense item indices that have relevances, ascending. */
  items: Int32Array;
  /** items.length × tags.length, row r the relevances of items[r]; a missing score is 0. */
  relevance: Float32Array;
}

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
  /** Absent when the release carries no genome files. */
  genome?: Genome;
  scale: RatingScale;
}

export const ratingCount = (dataset: Dataset): number => dataset.ratings.value.length;
export const userCount = (dataset: Dataset): number => dataset.userIds.length;
export const itemCount = (dataset: Dataset): number => dataset.itemIds.length;
