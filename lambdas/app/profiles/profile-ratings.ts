import type { ServingContext } from '../serving/serving-context.ts';
import { ownedProfile, requireProfiles } from './profile-access.ts';
import { profileRatings } from './profile-records.ts';
import type { StoredRating } from './rate-movie.ts';

export interface ProfileSummary {
  profileId: string;
  createdAt: string;
  updatedAt: string;
  ratingCount: number;
  maxRatings: number;
}

/** GET /profiles/{id}: what the profile holds, in counts. */
export async function profileSummary(
  context: ServingContext,
  request: { profileId: string; token: string },
): Promise<ProfileSummary> {
  const profiles = requireProfiles(context);
  const profile = await ownedProfile(profiles, request.profileId, request.token);
  return {
    profileId: profile.profileId,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    ratingCount: Object.keys(profile.ratings).length,
    maxRatings: profiles.limits.maxRatings,
  };
}

/**
 * Every rating of a profile, newest first, with titles joined from the movie records (one
 * BatchGetItem per 100). A movie whose record a later dataset dropped keeps its rating, titled
 * by its id, so the profile's data is never hidden from its owner.
 */
export async function listProfileRatings(
  context: ServingContext,
  request: { profileId: string; token: string },
): Promise<{ profileId: string; ratings: StoredRating[] }> {
  const profile = await ownedProfile(requireProfiles(context), request.profileId, request.token);
  const ratings = profileRatings(profile).sort(
    (a, b) => b.ratedAt - a.ratedAt || a.movieId - b.movieId,
  );
  const movies = await context.store.getMovies(ratings.map((rating) => rating.movieId));
  return {
    profileId: profile.profileId,
    ratings: ratings.map(({ movieId, rating, ratedAt }) => ({
      movieId,
      title: movies.get(movieId)?.title ?? `Movie ${movieId}`,
      rating,
      ratedAt: new Date(ratedAt * 1000).toISOString(),
    })),
  };
}
