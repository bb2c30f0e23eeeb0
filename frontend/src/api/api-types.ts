import type * as z from 'zod';
import type * as schemas from '../../../lambdas/handlers/api/api-schemas.ts';

/**
 * Response shapes of the API, inferred from the schemas the API documents with and its routes
 * are type-checked against (defineRoute), so the app cannot drift from what the API sends.
 * Type-only imports: nothing of zod or the backend reaches the bundle (eslint.config.js).
 */
export type { MovieSummary } from '../../../lambdas/handlers/api/api-schemas.ts';
export type SearchResponse = z.infer<typeof schemas.searchResponse>;
export type SearchHit = SearchResponse['movies'][number];
export type MovieResponse = z.infer<typeof schemas.movieResponse>;
export type SimilarResponse = z.infer<typeof schemas.similarResponse>;
export type PopularResponse = z.infer<typeof schemas.popularResponse>;
export type UserRecommendationsResponse = z.infer<typeof schemas.userRecommendationsResponse>;
export type AnonymousResponse = z.infer<typeof schemas.anonymousResponse>;
export type PredictionResponse = z.infer<typeof schemas.predictionResponse>;
export type RecommendedMovie = AnonymousResponse['movies'][number];

/** `GET /api/model` */
export type ModelResponse = z.infer<typeof schemas.modelResponse>;
/** A trained version in the registry, with its metrics and loss curves. */
export type ModelVersionEntry = ModelResponse['versions'][number];
/** Per-epoch training loss of the two models of a version (may be empty). */
export type LossHistory = ModelVersionEntry['lossHistory'];
/** How a version's parameters were tuned (absent when the pipeline ran without tuning). */
export type VersionTuning = NonNullable<ModelVersionEntry['tuning']>;

/** `GET /api/dashboard`: the live version's aggregates over the whole dataset. */
export type DashboardResponse = z.infer<typeof schemas.dashboardResponse>;
export type RankedMovie = DashboardResponse['topMovies'][number];

/** `POST /api/recommendations`: the body as the client sends it (before defaults apply). */
export type AnonymousRequest = z.input<typeof schemas.anonymousBody>;

/** `POST /api/profiles`: the new profile's id and its secret token (shown only this once). */
export type ProfileCreatedResponse = z.infer<typeof schemas.profileCreatedResponse>;
/** `GET /api/profiles/{profileId}` */
export type ProfileResponse = z.infer<typeof schemas.profileResponse>;
/** `PUT /api/profiles/{profileId}/ratings/{movieId}`: the rating as stored. */
export type ProfileRating = z.infer<typeof schemas.profileRatingResponse>;
/** `GET /api/profiles/{profileId}/ratings`: newest first. */
export type ProfileRatingsResponse = z.infer<typeof schemas.profileRatingsResponse>;
/** `GET /api/profiles/{profileId}/recommendations` */
export type ProfileRecommendationsResponse = z.infer<typeof schemas.profileRecommendationsResponse>;
/** `PUT /api/profiles/{profileId}/ratings/{movieId}`: the body. */
export type RatingBody = z.input<typeof schemas.ratingBody>;
