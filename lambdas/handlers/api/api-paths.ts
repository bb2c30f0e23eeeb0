/**
 * The API's routes (docs/architecture.md §4), the one list the router (one handler each) and the
 * tests of the API and its CloudFront behaviours are checked against. No imports: CDK code may
 * read it without loading any request-time code.
 */
export const API_PATHS = [
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/model' },
  { method: 'GET', path: '/dashboard' },
  { method: 'GET', path: '/movies' },
  { method: 'GET', path: '/movies/{id}' },
  { method: 'GET', path: '/movies/{id}/similar' },
  { method: 'GET', path: '/popular' },
  { method: 'GET', path: '/users/{id}/recommendations' },
  { method: 'POST', path: '/recommendations' },
  { method: 'GET', path: '/users/{id}/predictions/{movieId}' },
  { method: 'POST', path: '/profiles' },
  { method: 'GET', path: '/profiles/{profileId}' },
  { method: 'DELETE', path: '/profiles/{profileId}' },
  { method: 'GET', path: '/profiles/{profileId}/ratings' },
  { method: 'PUT', path: '/profiles/{profileId}/ratings/{movieId}' },
  { method: 'DELETE', path: '/profiles/{profileId}/ratings/{movieId}' },
  { method: 'GET', path: '/profiles/{profileId}/recommendations' },
  { method: 'GET', path: '/openapi.json' },
] as const;

export type ApiMethod = (typeof API_PATHS)[number]['method'];
