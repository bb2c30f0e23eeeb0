import { requireCurrentModel } from '../serving/current-model.ts';
import { foldInRecommendations } from '../serving/fold-in-recommendations.ts';
import type { ServingContext } from '../serving/serving-context.ts';
import type { UserRecommendation } from '../serving/stored-recommendations.ts';
import { storedRecommendations } from '../serving/stored-recommendations.ts';
import { popularRecommendations } from '../serving/user-recommendations.ts';
import { ownedProfile, requireProfiles } from './profile-access.ts';
import type { ProfileRecord } from './profile-records.ts';
import { profileRatings } from './profile-records.ts';

export interface ProfileRecommendations {
  profileId: string;
  version: string;
  coldStart: boolean;
  source: 'live' | 'precomputed' | 'popular';
  /** The blend asked for: 1 (the default) collaborative only, 0 content only. */
  alpha: number;
  movies: UserRecommendation[];
}

/**
 * A profile's recommendations against the live version, never showing a movie it rated, and
 * reflecting its latest rating (the profile is read consistently):
 * - precomputed: the list the pipeline wrote for the profile in this version, when no rating
 *   changed since ingest read the profiles: the profile's `updatedAt` is before the version's
 *   `sources.profilesReadAt` (or, for versions that predate it, its `createdAt`);
 * - live: otherwise, folded in from the stored ratings like POST /recommendations, and always
 *   for an `alpha` below 1 (the precomputed list is the collaborative one), blended with content
 *   similarity to the rated movies at that alpha;
 * - popular: no ratings, or none of a movie the version knows (cold start), whatever the alpha.
 */
export async function profileRecommendations(
  context: ServingContext,
  request: { profileId: string; token: string; limit: number; genre?: string; alpha?: number },
): Promise<ProfileRecommendations> {
  const profile = await ownedProfile(requireProfiles(context), request.profileId, request.token);
  const { version } = await requireCurrentModel(context.store);
  const options = {
    limit: request.limit,
    ...(request.genre !== undefined && { genre: request.genre }),
  };
  const alpha = request.alpha ?? 1;
  const ratings = profileRatings(profile);
  const rated = new Set(ratings.map((rating) => rating.movieId));
  const answer = (source: ProfileRecommendations['source'], movies: UserRecommendation[]) => ({
    profileId: profile.profileId,
    version,
    coldStart: source === 'popular',
    source,
    alpha,
    movies,
  });

  if (ratings.length > 0) {
    const precomputed = alpha < 1 ? undefined : await precomputedList(context, profile, version);
    if (precomputed !== undefined) {
      return answer(
        'precomputed',
        await storedRecommendations(context.store, precomputed, { ...options, exclude: rated }),
      );
    }
    const live = foldInRecommendations(await context.model(version), ratings, {
      ...options,
      alpha,
    });
    if (live.basedOn.length > 0) return answer('live', live.movies);
  }
  return answer(
    'popular',
    await popularRecommendations(context.store, version, { ...options, exclude: rated }),
  );
}

/** The pipeline's list for the profile in `version`, if no rating changed since it trained. */
async function precomputedList(context: ServingContext, profile: ProfileRecord, version: string) {
  const record = await requireProfiles(context).store.getProfileRecommendations(
    profile.profileId,
    version,
  );
  if (record === undefined) return undefined;
  const trained = await context.store.getModelVersion(version);
  const sources = trained?.sources as { profilesReadAt?: string } | undefined;
  const readAt = sources?.profilesReadAt ?? trained?.createdAt;
  if (readAt === undefined || !(Date.parse(profile.updatedAt) < Date.parse(readAt))) {
    return undefined;
  }
  return record.items;
}
