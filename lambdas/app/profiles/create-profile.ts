import { createHash } from 'node:crypto';
import type { ServingContext } from '../serving/serving-context.ts';
import { RateLimitedError } from '../serving/serving-errors.ts';
import { requireProfiles } from './profile-access.ts';
import { secondsUntil } from './profile-limits.ts';
import { newProfileToken } from './profile-token.ts';

const HOUR_MS = 3_600_000;

/**
 * Creates an empty profile and answers its token, the only time the token is ever shown. At
 * most `creationsPerHour` per client address and UTC hour (429 with the seconds to the next
 * hour); the address is kept only as a truncated SHA-256 in a counter that expires.
 */
export async function createProfile(
  context: ServingContext,
  caller: { address: string },
): Promise<{ profileId: string; token: string }> {
  const { store, limits, now } = requireProfiles(context);
  const at = now();
  const hour = Math.floor(at / HOUR_MS);
  const expiresAt = ((hour + 2) * HOUR_MS) / 1000;
  const address = clientHash(caller.address);
  const allowed = await store.countCreation(address, hour, limits.creationsPerHour, expiresAt);
  if (!allowed) {
    throw new RateLimitedError(
      `At most ${limits.creationsPerHour} profiles may be created per client address per hour.`,
      secondsUntil((hour + 1) * HOUR_MS, at),
    );
  }
  const { token, profileId, tokenHash } = newProfileToken();
  const stamp = new Date(at).toISOString();
  const created = await store.createProfile({
    profileId,
    tokenHash,
    createdAt: stamp,
    updatedAt: stamp,
    ratings: {},
    windowMinute: Math.floor(at / 60_000),
    windowWrites: 0,
  });
  // 132 bits of a fresh random token's hash: equal to an existing id only by a broken SHA-256.
  if (!created) throw new Error(`profile id ${profileId} exists already`);
  return { profileId, token };
}

/** 16 base64url characters (96 bits) of SHA-256 of the address: enough to count by. */
const clientHash = (address: string): string =>
  createHash('sha256').update(address, 'utf8').digest('base64url').slice(0, 16);
