import * as z from 'zod';
import { TMDB_DEFAULT_URL } from './tmdb-client.ts';

/**
 * The enrichment step's settings (docs/enrichment.md), read from the environment once:
 * TMDB_API_KEY (the key itself: local runs) or TMDB_SECRET_ARN (the secret holding it: AWS,
 * set by the pipeline stack), TMDB_API_URL, TMDB_REQUESTS_PER_SECOND and
 * TMDB_TIME_BUDGET_SECONDS (when fetching stops, before the function's 15-minute timeout).
 */
const tmdbConfigSchema = z.object({
  TMDB_API_KEY: z.string().trim().optional(),
  TMDB_SECRET_ARN: z.string().startsWith('arn:').optional(),
  TMDB_API_URL: z.url({ protocol: /^https?$/ }).default(TMDB_DEFAULT_URL),
  TMDB_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(40),
  TMDB_TIME_BUDGET_SECONDS: z.coerce.number().int().min(1).max(840).default(720),
});

export interface TmdbConfig {
  key: string | undefined;
  secretArn: string | undefined;
  apiUrl: string;
  requestsPerSecond: number;
  timeBudgetSeconds: number;
}

export function parseTmdbConfig(env: Readonly<Record<string, string | undefined>>): TmdbConfig {
  const result = tmdbConfigSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid TMDB configuration:\n${z.prettifyError(result.error)}`);
  }
  const value = result.data;
  return {
    key: value.TMDB_API_KEY === '' ? undefined : value.TMDB_API_KEY,
    secretArn: value.TMDB_SECRET_ARN,
    apiUrl: value.TMDB_API_URL,
    requestsPerSecond: value.TMDB_REQUESTS_PER_SECOND,
    timeBudgetSeconds: value.TMDB_TIME_BUDGET_SECONDS,
  };
}
