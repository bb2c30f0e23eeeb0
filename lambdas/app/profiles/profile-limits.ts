/**
 * Limits that protect the service from one profile or one client (docs/profiles.md). Defaults
 * here; each can be overridden by the API function's environment (serving-config.ts).
 */
export interface ProfileLimits {
  /** Ratings one profile may hold (5,000 take ~100 KB of the 400 KB item limit). */
  maxRatings: number;
  /** Rating writes and deletes per profile per UTC minute. */
  writesPerMinute: number;
  /** Profiles created per client address per UTC hour. */
  creationsPerHour: number;
}

export const DEFAULT_PROFILE_LIMITS: ProfileLimits = {
  maxRatings: 5000,
  writesPerMinute: 120,
  creationsPerHour: 30,
};

/** Whole seconds from `at` to `end` (ms), at least 1: the Retry-After of a rate limit. */
export const secondsUntil = (end: number, at: number): number =>
  Math.max(1, Math.ceil((end - at) / 1000));
