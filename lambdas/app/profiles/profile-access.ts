import type { Profiles, ServingContext } from '../serving/serving-context.ts';
import { ForbiddenError, NotFoundError } from '../serving/serving-errors.ts';
import type { ProfileRecord } from './profile-records.ts';
import { profileIdOf, tokenHashOf, tokenMatchesHash } from './profile-token.ts';

/** The profile services of a context; the API handler always configures them. */
export function requireProfiles(context: ServingContext): Profiles {
  if (context.profiles === undefined) throw new Error('profiles are not configured');
  return context.profiles;
}

/**
 * The stored hash of `token` if the token is the one `profileId` was derived from; a 403
 * otherwise, decided without reading the table, so a caller without the right token learns
 * nothing about whether the profile exists (docs/profiles.md).
 */
export function ownTokenHash(profileId: string, token: string): string {
  if (profileIdOf(token) !== profileId) {
    throw new ForbiddenError('This token does not belong to that profile.');
  }
  return tokenHashOf(token);
}

/**
 * The profile `token` owns, read consistently: 403 for another profile's token, 404 when the
 * profile was deleted (only its own token's holder can learn that), 403 if the stored hash
 * differs (which derivation makes impossible short of a SHA-256 collision).
 */
export async function ownedProfile(
  profiles: Profiles,
  profileId: string,
  token: string,
): Promise<ProfileRecord> {
  ownTokenHash(profileId, token);
  const profile = await profiles.store.getProfile(profileId);
  if (profile === undefined) throw profileNotFound(profileId);
  if (!tokenMatchesHash(token, profile.tokenHash)) {
    throw new ForbiddenError('This token does not belong to that profile.');
  }
  return profile;
}

export const profileNotFound = (profileId: string): NotFoundError =>
  new NotFoundError('profile_not_found', `No profile ${profileId}: it was deleted.`);
