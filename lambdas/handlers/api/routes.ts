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
import type { ApiRoute, RawBody } from './api-route.ts';
import { defineRoute, rawBody } from './api-route.ts';
import * as schema from './api-request-schemas.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';

/** Every model-backed route can answer 503 before the first publish. */
const MODEL = 503;

/** The routes of docs/architecture.md §4 that call a use-case. */
export const serviceRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness, and the live model with its metrics (null before the first publish)',
    response: 'healthResponse',
    errors: [],
    handle: (_input, { store }) => health(store),
  }),
  defineRoute({
    method: 'GET',
    path: '/model',
    operationId: 'getModel',
    summary: 'The live model version with its metrics, and every version with its loss curves',
    response: 'modelResponse',
    errors: [MODEL],
    handle: (_input, { store }) => modelInfo(store),
  }),
  defineRoute({
    method: 'GET',
    path: '/dashboard',
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
    operationId: 'getSimilarMovies',
    summary: 'Movies most like this one (latent factors blended with genres, tags and year)',
    params: schema.movieParams,
    query: schema.similarQuery,
    response: 'similarResponse',
    errors: [404, MODEL],
    handle: ({ params, query }, { store }) => similarMovies(store, params.id, query.limit),
  }),
  defineRoute({
    method: 'GET',
    path: '/popular',
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
    operationId: 'predictRating',
    summary: 'Predicted rating of a movie by a user, with its parts μ, b_u, b_i and p·q',
    params: schema.predictionParams,
    response: 'predictionResponse',
    errors: [404, MODEL],
    handle: ({ params }, context) => predictRating(context, params.id, params.movieId),
  }),
];

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document (OpenAPI 3.1)',
  errors: [],
  handle: async () => (await documentation()).document,
});

const docsRoute = defineRoute({
  method: 'GET',
  path: '/docs',
  operationId: 'getDocs',
  summary: 'Interactive documentation (HTML)',
  errors: [],
  handle: async () => rawBody((await documentation()).page),
});

export const apiRoutes: ApiRoute[] = [...serviceRoutes, openApiRoute, docsRoute];

let built: Promise<{ document: Record<string, unknown>; page: RawBody }> | undefined;

/**
 * Built on first request, not at module load, with the response schemas imported then: cold
 * starts of the other routes construct neither.
 */
function documentation(): Promise<{ document: Record<string, unknown>; page: RawBody }> {
  built ??= import('./api-schemas.ts').then((schemas) => {
    const document = openApiDocument(apiRoutes, schemas);
    return { document, page: docsPage(document) };
  });
  return built;
}
