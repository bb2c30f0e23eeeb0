import type { TmdbDetails, TmdbReviews } from '../../core/content/tmdb-movie.ts';

/**
 * The attribute shapes stored under the keys of serving-keys.ts. Ids are raw MovieLens ids, not
 * dense indices, so records stay valid whatever index a later dataset load assigns.
 */

export interface ModelPointer {
  version: string;
  publishedAt: string;
  metrics: Record<string, number>;
}

export interface RecommendedMovie {
  movieId: number;
  score: number;
  /** "Because you rated …": raw movie ids of the user's items that raised this one's score most. */
  because: number[];
  /**
   * The movie as lists show it and the titles of `because`, copied in at scoring time so that
   * reading a user's list is one GetItem (docs/architecture.md §4) with no BatchGetItem of movie
   * records. Absent in records written before they were added; readers then join the movie records.
   */
  title?: string;
  year?: number | null;
  genres?: string[];
  becauseTitles?: string[];
}

export interface UserRecommendationsRecord {
  userId: number;
  version: string;
  items: RecommendedMovie[];
}

/** PROFILE#<id> / RECS#<version>: a profile's precomputed top-N, written by the pipeline. */
export interface ProfileRecommendationsRecord {
  profileId: string;
  version: string;
  items: RecommendedMovie[];
}

export interface VectorRecord {
  version: string;
  bias: number;
  /** Factors as little-endian Float32 bytes (compact in DynamoDB's binary type). */
  factors: Uint8Array;
}

export interface MovieRecord {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
  ratingCount: number;
  ratingMean: number | null;
  bayesianAverage: number;
  /** Count per rating step, lowest first. */
  histogram: number[];
  topTags: string[];
  /** What TMDB says about the movie; absent when the run had no TMDB key or TMDB had no record. */
  details?: MovieDetailsRecord;
  /** TMDB's user reviews with their sentiment; absent under the same conditions as `details`. */
  reviews?: MovieReviewsRecord;
}

/** A movie's TMDB record, as fetched by the pipeline's enrichment step (docs/enrichment.md). */
export type MovieDetailsRecord = TmdbDetails;

/** At most 10 reviews, newest first, with their sentiment and counts over the reviews kept. */
export type MovieReviewsRecord = TmdbReviews;

export interface SimilarMoviesRecord {
  movieId: number;
  version: string;
  items: Array<{ movieId: number; score: number }>;
}

export interface PopularRecord {
  genre: string;
  version: string;
  items: Array<{ movieId: number; score: number; count: number; mean: number }>;
}

/** Training loss after each epoch of the two trained models (may be empty). */
export interface LossHistory {
  rating: number[];
  ranking: number[];
}

/**
 * MODEL / V#<version>: one trained version in the registry, published or not. Only `version` is
 * required here; the pipeline adds what it measured (metrics, dataset, parameters, loss curves)
 * and the API passes the record through.
 */
export interface ModelVersionRecord {
  version: string;
  createdAt?: string;
  metrics?: Record<string, number>;
  lossHistory?: LossHistory;
  [attribute: string]: unknown;
}
