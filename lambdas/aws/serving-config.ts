import * as z from 'zod';
import type { ProfileLimits } from '../app/profiles/profile-limits.ts';
import { DEFAULT_PROFILE_LIMITS } from '../app/profiles/profile-limits.ts';

/**
 * Configuration of the serving path, read from the environment once per container and validated,
 * so a missing binding fails the first request with a message naming the variable instead of a
 * confusing SDK error later. The names are those set by `MovieRecFunction.bind*` (lib/).
 */
const servingConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  /** The web app's origin (https://…) for CORS; empty = no browser origin allowed. */
  ALLOWED_ORIGIN: z.string().default(''),
  /** "true" in the local stack: http://localhost and http://127.0.0.1 on any port are allowed too. */
  ALLOW_LOCALHOST: z.stringbool().default(false),
  /** Seconds the MODEL/CURRENT pointer is cached per container (docs/architecture.md §4). */
  MODEL_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(60),
  /** Profile limits (profile-limits.ts has the defaults and why). */
  PROFILE_MAX_RATINGS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_PROFILE_LIMITS.maxRatings),
  PROFILE_WRITES_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PROFILE_LIMITS.writesPerMinute),
  PROFILE_CREATIONS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PROFILE_LIMITS.creationsPerHour),
});

export interface ServingConfig {
  tableName: string;
  bucketName: string;
  allowedOrigins: string[];
  allowLocalhost: boolean;
  modelCacheSeconds: number;
  profileLimits: ProfileLimits;
}

/** Parses `env`; throws one error listing every bad or missing variable. */
export function parseServingConfig(
  env: Readonly<Record<string, string | undefined>>,
): ServingConfig {
  const result = servingConfigSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid serving configuration:\n${z.prettifyError(result.error)}`);
  }
  const value = result.data;
  return {
    tableName: value.TABLE_NAME,
    bucketName: value.BUCKET_NAME,
    allowedOrigins: value.ALLOWED_ORIGIN.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    allowLocalhost: value.ALLOW_LOCALHOST,
    modelCacheSeconds: value.MODEL_CACHE_SECONDS,
    profileLimits: {
      maxRatings: value.PROFILE_MAX_RATINGS,
      writesPerMinute: value.PROFILE_WRITES_PER_MINUTE,
      creationsPerHour: value.PROFILE_CREATIONS_PER_HOUR,
    },
  };
}
