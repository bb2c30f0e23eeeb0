import { requireCurrentModel } from '../serving/current-model.ts';
import type { Profiles, ServingContext } from '../serving/serving-context.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
} from '../serving/serving-errors.ts';
import { ownTokenHash, profileNotFound, requireProfiles } from './profile-access.ts';
import { secondsUntil } from './profile-limits.ts';
import type { RatingWrite, RatingWriteResult } from './profile-store.ts';
import { tokenMatchesHash } from './profile-token.ts';

const MINUTE_MS = 60_000;
/** A write fails its condition at most once per window move; more means something is wrong. */
const WRITE_ATTEMPTS = 3;

export interface StoredRating {
  movieId: number;
  title: string;
  rating: number;
  /** ISO 8601. */
  ratedAt: string;
}

interface ProfileRequest {
  profileId: string;
  token: string;
  movieId: number;
}

/**
 * Sets a profile's rating of a movie (idempotent). The movie must exist (404) and the rating be
 * on the live version's scale in half stars (400 naming `rating`). The write is one conditional
 * UpdateItem (ProfileStore.writeRating); a new or changed rating also increments the table's
 * ratings-collected statistic, a second write that may drift if it fails (the rating stands).
 */
export async function rateMovie(
  context: ServingContext,
  request: ProfileRequest & { rating: number },
): Promise<StoredRating> {
  const profiles = requireProfiles(context);
  const tokenHash = ownTokenHash(request.profileId, request.token);
  const { version } = await requireCurrentModel(context.store);
  const [movie, baseline] = await Promise.all([
    context.store.getMovie(request.movieId),
    context.baseline(version),
  ]);
  if (movie === undefined) {
    throw new NotFoundError('movie_not_found', `No movie with id ${request.movieId}.`);
  }
  const { min, max } = baseline.scale;
  if (request.rating < min || request.rating > max || !Number.isInteger(request.rating * 2)) {
    throw new InvalidInputError(
      'rating_out_of_scale',
      `${request.rating} is not a rating from ${min} to ${max} in half stars`,
      'rating',
    );
  }
  const ratedAt = Math.floor(profiles.now() / 1000);
  const result = await writeWithinLimits(profiles, request, tokenHash, [request.rating, ratedAt]);
  if (result.previous?.[0] !== request.rating) {
    // A statistic: the rating is stored whatever happens to the counter.
    await profiles.store.addRatingsCollected(1).catch(() => undefined);
  }
  return {
    movieId: movie.movieId,
    title: movie.title,
    rating: request.rating,
    ratedAt: new Date(ratedAt * 1000).toISOString(),
  };
}

/** Removes a profile's rating of a movie; done as well when the movie was not rated. */
export async function unrateMovie(context: ServingContext, request: ProfileRequest): Promise<void> {
  const profiles = requireProfiles(context);
  const tokenHash = ownTokenHash(request.profileId, request.token);
  await writeWithinLimits(profiles, request, tokenHash, undefined);
}

/**
 * The write in the current minute's window. When its condition fails, the profile is read to
 * answer why: gone (404), another token (403), the window is old (move it, guarded by its old
 * value, and write again), full (429 until the next minute) or the profile holds the most
 * ratings it may (409: waiting does not help, so not a 429).
 */
async function writeWithinLimits(
  profiles: Profiles,
  request: ProfileRequest,
  tokenHash: string,
  value: [number, number] | undefined,
): Promise<RatingWriteResult & { written: true }> {
  const { store, limits } = profiles;
  // The stored window once read: a window ahead of this server's clock is taken as current.
  let storedWindow = 0;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const at = profiles.now();
    const minute = Math.max(Math.floor(at / MINUTE_MS), storedWindow);
    const write: RatingWrite = {
      profileId: request.profileId,
      tokenHash,
      movieId: request.movieId,
      ...(value !== undefined && { value }),
      at: new Date(at).toISOString(),
      minute,
      writesPerMinute: limits.writesPerMinute,
      maxRatings: limits.maxRatings,
    };
    const result = await store.writeRating(write);
    if (result.written) return result;

    const profile = await store.getProfile(request.profileId);
    if (profile === undefined) throw profileNotFound(request.profileId);
    if (!tokenMatchesHash(request.token, profile.tokenHash)) {
      throw new ForbiddenError('This token does not belong to that profile.');
    }
    storedWindow = profile.windowMinute;
    if (profile.windowMinute < minute) {
      await store.moveWriteWindow(request.profileId, profile.windowMinute, minute);
      continue;
    }
    if (profile.windowWrites >= limits.writesPerMinute) {
      throw new RateLimitedError(
        `At most ${limits.writesPerMinute} rating changes per profile per minute.`,
        secondsUntil((profile.windowMinute + 1) * MINUTE_MS, at),
      );
    }
    if (
      value !== undefined &&
      !(String(request.movieId) in profile.ratings) &&
      Object.keys(profile.ratings).length >= limits.maxRatings
    ) {
      throw new ConflictError(
        'too_many_ratings',
        `A profile holds at most ${limits.maxRatings} ratings: delete some before rating more.`,
      );
    }
    // Otherwise another request changed the profile in between, or the window is ahead of
    // this server's clock: try again.
  }
  throw new Error(`rating write to profile ${request.profileId} kept failing its condition`);
}
