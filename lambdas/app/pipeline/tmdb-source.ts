/**
 * The enrichment step's port to TMDB (docs/enrichment.md): one movie's JSON as TMDB answers
 * `GET /3/movie/{id}?append_to_response=credits,keywords,reviews`, or undefined when TMDB has no
 * such movie (404). The HTTP client (lambdas/aws/tmdb-client.ts) rate-limits and retries; what it
 * still cannot get is a TmdbError.
 */
export interface TmdbSource {
  movie(tmdbId: number): Promise<unknown>;
}

/**
 * Why a request failed after its retries: `unauthorized` (the key was refused: every further
 * request would be too), `unavailable` (5xx, 429 or no answer: TMDB is down or overloaded),
 * `rejected` (another 4xx: this request only) or `malformed` (an answer that is not JSON).
 */
export type TmdbFailure = 'unauthorized' | 'unavailable' | 'rejected' | 'malformed';

export class TmdbError extends Error {
  constructor(
    readonly failure: TmdbFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TmdbError';
  }
}
