import type * as z from 'zod';
import type {
  anonymousResponse,
  movieResponse,
  popularResponse,
  predictionResponse,
  searchResponse,
  similarResponse,
  userRecommendationsResponse,
} from '../../../lambdas/handlers/api/api-schemas.ts';

/**
 * Response shapes of the API, inferred from the schemas the API validates and documents with
 * (type-only imports: nothing of zod reaches the bundle), so the app cannot drift from them.
 */
export type SearchResponse = z.infer<typeof searchResponse>;
export type SearchHit = SearchResponse['movies'][number];
export type MovieResponse = z.infer<typeof movieResponse>;
export type SimilarResponse = z.infer<typeof similarResponse>;
export type PopularResponse = z.infer<typeof popularResponse>;
export type UserRecommendationsResponse = z.infer<typeof userRecommendationsResponse>;
export type AnonymousResponse = z.infer<typeof anonymousResponse>;
export type PredictionResponse = z.infer<typeof predictionResponse>;
export type RecommendedMovie = AnonymousResponse['movies'][number];

/** A movie as every list of the app shows it. */
export interface MovieSummary {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
}

/** Per-epoch training loss of the two models of a version (may be empty). */
export interface LossHistory {
  rating: number[];
  ranking: number[];
}

export interface ModelVersionEntry {
  version: string;
  createdAt?: string;
  metrics?: Record<string, number>;
  lossHistory?: LossHistory;
  [attribute: string]: unknown;
}

/** `GET /api/model` */
export interface ModelResponse {
  version: string;
  publishedAt: string;
  metrics: Record<string, number>;
  details: ModelVersionEntry | null;
  versions: ModelVersionEntry[];
}

export interface RankedMovie {
  movieId: number;
  title: string;
  count: number;
  mean: number;
  score: number;
}

/** `GET /api/dashboard`: the live version's aggregates over the whole dataset. */
export interface DashboardResponse {
  version: string;
  dataset: { name: string; ratings: number; users: number; movies: number; tags: number };
  ratingHistogram: { rating: number; count: number }[];
  ratingsPerYear: { year: number; count: number; mean: number }[];
  genres: { genre: string; movies: number; ratings: number; mean: number | null }[];
  genreYears: { genre: string; year: number; count: number; mean: number }[];
  /** day 0 = Sunday … 6, hour 0…23 (UTC). */
  activityHeatmap: { day: number; hour: number; count: number }[];
  userActivity: { from: number; to: number; users: number }[];
  moviesPerDecade: { decade: number; movies: number }[];
  topMovies: RankedMovie[];
  topByCount: RankedMovie[];
  topTags: {
    tag: string;
    count: number;
    movies: { movieId: number; title: string; count: number }[];
  }[];
}
