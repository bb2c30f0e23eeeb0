import type { ServingContext } from '../serving/serving-context.ts';
import { ownTokenHash, profileNotFound, requireProfiles } from './profile-access.ts';

/**
 * Deletes a profile: its one item first, so its token and every rating are gone at once (and
 * no later training run sees it), then what the pipeline precomputed for it. 404 when it was
 * deleted already.
 */
export async function deleteProfile(
  context: ServingContext,
  request: { profileId: string; token: string },
): Promise<void> {
  const tokenHash = ownTokenHash(request.profileId, request.token);
  if (!(await requireProfiles(context).store.deleteProfile(request.profileId, tokenHash))) {
    throw profileNotFound(request.profileId);
  }
}
