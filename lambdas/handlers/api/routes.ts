import { createProfile } from '../../app/profiles/create-profile.ts';
import { deleteProfile } from '../../app/profiles/delete-profile.ts';
import { listProfileRatings, profileSummary } from '../../app/profiles/profile-ratings.ts';
import { profileRecommendations } from '../../app/profiles/profile-recommendations.ts';
import { rateMovie, unrateMovie } from '../../app/profiles/rate-movie.ts';
import { anonymousRecommendations } from '../../app/serving/anonymous-recommendations.ts';
import { health } from '../../app/serving/health.ts';
import { liveDashboard } from '../../app/serving/live-dashboard.ts';
import { modelInfo } from '../../app/serving/model-info.ts';
import { movieDetails } from '../../app/serving/movie-details.ts';
import { popularMovies } from '../../app/serving/popular-movies.ts';
import { predictRating } from '../../app/serving/predict-rating.ts';
import { searchMovies } from '../../app/serving/search-movies.ts';
import { similarMovies } from '../../app/serving/similar-movies.ts';
import { userRecommendations } from '../../app/serving/user-recommendations.ts';
import type { ApiRoute } from './api-route.ts';
import { defineRoute } from './api-route.ts';
import * as schema from './api-request-schemas.ts';
import { openApiDocument } from './openapi.ts';

/** Every model-backed route can answer 503 before the first publish. */
const MODEL = 503;
/** Every route of a profile: no or a malformed token, another profile's token, a deleted profile. */
const PROFILE = [401, 403, 404];

/** The routes of docs/architecture.md §4 that call a use-case. */
export const serviceRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    cache: 'no-store',
    operationId: 'getHealth',
    summary: 'Liveness, and the live model with its metrics (null before the first publish)',
    response: 'healthResponse',
    errors: [],
    handle: (_input, { store }) => health(store),
  }),
  defineRoute({
    method: 'GET',
    path: '/model',
    cache: 'shared',
    operationId: 'getModel',
    summary: 'The live model version with its metrics, and every version with its loss curves',
    response: 'modelResponse',
    errors: [MODEL],
    handle: (_input, { store }) => modelInfo(store),
  }),
  defineRoute({
    method: 'GET',
    path: '/dashboard',
    cache: 'shared',
    operationId: 'getDashboard',
    summary: "Figures of the live version's dataset for the analytics page",
    description:
      'Computed once per version by the pipeline (ratings per year, genre and hour, top movies and tags).',
    response: 'dashboardResponse',
    errors: [MODEL],
    handle: (_input, context) => liveDashboard(context),
  }),
  defineRoute({
    method: 'GET',
    path: '/movies',
    cache: 'shared',
    operationId: 'searchMovies',
    summary: 'Fuzzy title search; without a query, the most popular movies',
    query: schema.searchQuery,
    response: 'searchResponse',
    errors: [MODEL],
    handle: ({ query }, context) => searchMovies(context, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/movies/{id}',
    cache: 'shared',
    operationId: 'getMovie',
    summary: 'A movie with its rating statistics and top tags',
    params: schema.movieParams,
    response: 'movieResponse',
    errors: [404],
    handle: ({ params }, { store }) => movieDetails(store, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/movies/{id}/similar',
    cache: 'shared',
    operationId: 'getSimilarMovies',
    summary: 'Movies most like this one (latent factors blended with genres, tags and year)',
    params: schema.movieParams,
    query: schema.similarQuery,
    response: 'similarResponse',
    errors: [404, MODEL],
    handle: ({ params, query }, context) => similarMovies(context, params.id, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/popular',
    cache: 'shared',
    operationId: 'getPopular',
    summary: 'Most popular movies by Bayesian average, overall or in a genre',
    query: schema.popularQuery,
    response: 'popularResponse',
    errors: [404, MODEL],
    handle: ({ query }, { store }) => popularMovies(store, query),
  }),
  defineRoute({
    method: 'GET',
    path: '/users/{id}/recommendations',
    cache: 'no-store',
    operationId: 'getUserRecommendations',
    summary: 'Top-N for a known user with reasons; an unknown user gets the popular list',
    description:
      'An unknown user is not an error: the answer is the popular list with coldStart true.',
    params: schema.userParams,
    query: schema.recommendationsQuery,
    response: 'userRecommendationsResponse',
    errors: [404, MODEL],
    handle: ({ params, query }, { store }) => userRecommendations(store, params.id, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/recommendations',
    cache: 'no-store',
    operationId: 'recommendAnonymous',
    summary: 'Real-time recommendations for an anonymous visitor from a few rated movies',
    description:
      'Each entry names a movie by movieId or by title (fuzzy), with an optional rating (default: the top of the scale). The ratings are folded into a user vector against the live item factors.',
    body: schema.anonymousBody,
    response: 'anonymousResponse',
    errors: [413, 415, MODEL],
    handle: ({ body }, context) => anonymousRecommendations(context, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/users/{id}/predictions/{movieId}',
    cache: 'no-store',
    operationId: 'predictRating',
    summary: 'Predicted rating of a movie by a user, with its parts μ, b_u, b_i and p·q',
    params: schema.predictionParams,
    response: 'predictionResponse',
    errors: [404, MODEL],
    handle: ({ params }, context) => predictRating(context, params.id, params.movieId),
  }),
  defineRoute({
    method: 'POST',
    path: '/profiles',
    cache: 'no-store',
    operationId: 'createProfile',
    summary: 'Create an anonymous profile; the answer holds its secret token, shown only once',
    description:
      'The token is the only way to use the profile (Authorization: Bearer <token>) and is stored only as a hash. At most a few profiles per client address per hour (429 with Retry-After).',
    status: 201,
    response: 'profileCreatedResponse',
    errors: [429],
    handle: ({ caller }, context) => createProfile(context, caller),
  }),
  defineRoute({
    method: 'GET',
    path: '/profiles/{profileId}',
    cache: 'no-store',
    operationId: 'getProfile',
    summary: 'A profile: when it was created and changed, and how many ratings it holds',
    bearer: true,
    params: schema.profileParams,
    response: 'profileResponse',
    errors: PROFILE,
    handle: ({ params, caller }, context) =>
      profileSummary(context, { profileId: params.profileId, token: caller.token }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/profiles/{profileId}',
    cache: 'no-store',
    operationId: 'deleteProfile',
    summary:
      'Delete a profile: its token and ratings are gone at once, and no later training uses them',
    bearer: true,
    status: 204,
    params: schema.profileParams,
    errors: PROFILE,
    handle: ({ params, caller }, context) =>
      deleteProfile(context, { profileId: params.profileId, token: caller.token }),
  }),
  defineRoute({
    method: 'GET',
    path: '/profiles/{profileId}/ratings',
    cache: 'no-store',
    operationId: 'getProfileRatings',
    summary: "A profile's ratings with titles, newest first",
    bearer: true,
    params: schema.profileParams,
    response: 'profileRatingsResponse',
    errors: PROFILE,
    handle: ({ params, caller }, context) =>
      listProfileRatings(context, { profileId: params.profileId, token: caller.token }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/profiles/{profileId}/ratings/{movieId}',
    cache: 'no-store',
    operationId: 'rateMovie',
    summary: "Set the profile's rating of a movie (idempotent)",
    description:
      "The rating is on the live dataset's scale in half stars. 404 also for an unknown movie; 409 when the profile holds the most ratings it may; 429 with Retry-After beyond the writes a profile may make per minute.",
    bearer: true,
    params: schema.profileRatingParams,
    body: schema.ratingBody,
    response: 'profileRatingResponse',
    errors: [...PROFILE, 409, 413, 415, 429, MODEL],
    handle: ({ params, body, caller }, context) =>
      rateMovie(context, { ...params, token: caller.token, rating: body.rating }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/profiles/{profileId}/ratings/{movieId}',
    cache: 'no-store',
    operationId: 'unrateMovie',
    summary: "Remove the profile's rating of a movie (also when it had none)",
    bearer: true,
    status: 204,
    params: schema.profileRatingParams,
    errors: [...PROFILE, 429],
    handle: ({ params, caller }, context) =>
      unrateMovie(context, { ...params, token: caller.token }),
  }),
  defineRoute({
    method: 'GET',
    path: '/profiles/{profileId}/recommendations',
    cache: 'no-store',
    operationId: 'getProfileRecommendations',
    summary: "Recommendations from the profile's ratings, none of the movies it rated",
    description:
      'Folded in live from the stored ratings (a rating counts from the next call on), or the list the pipeline precomputed for the profile when no rating changed since the live version trained; the popular list (coldStart) before the first rating. An alpha below 1 is always folded in live, blended with content similarity like POST /recommendations.',
    bearer: true,
    params: schema.profileParams,
    query: schema.profileRecommendationsQuery,
    response: 'profileRecommendationsResponse',
    errors: [...PROFILE, MODEL],
    handle: ({ params, query, caller }, context) =>
      profileRecommendations(context, {
        profileId: params.profileId,
        token: caller.token,
        ...query,
      }),
  }),
];

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  cache: 'shared',
  operationId: 'getOpenApi',
  summary: 'This document (OpenAPI 3.1); the site renders it with Swagger UI at /api-docs.html',
  errors: [],
  handle: () => openApi(),
});

export const apiRoutes: ApiRoute[] = [...serviceRoutes, openApiRoute];

let document: Promise<Record<string, unknown>> | undefined;

/**
 * Built on first request, not at module load, with the response schemas imported then: cold
 * starts of the other routes construct neither.
 */
function openApi(): Promise<Record<string, unknown>> {
  document ??= import('./api-schemas.ts').then((schemas) => openApiDocument(apiRoutes, schemas));
  return document;
}
