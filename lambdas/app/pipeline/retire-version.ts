import { ALL_GENRES, servingKeys } from '../serving/serving-keys.ts';
import type { TableKey } from '../serving/serving-keys.ts';
import { readManifest, readModelArray } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import type { ServingWriter } from './serving-writer.ts';
import { readProfileUsers } from './training-origin.ts';

/** Keys per expire call, bounding the memory and the latency of each call. */
const EXPIRE_CHUNK = 1000;

/**
 * Every versioned serving item of `version` (docs/architecture.md §5), from its files in S3: RECS and VEC
 * per user (RECS under the profile for a profile's user), SIMILAR and VEC per movie, the popular
 * lists. META items are not versioned.
 */
export async function versionedKeys(store: ObjectStore, version: string): Promise<TableKey[]> {
  const manifest = await readManifest(store, version);
  const userIds = await readModelArray(store, manifest, 'users', 'userIds');
  const itemIds = await readModelArray(store, manifest, 'catalogue', 'itemIds');
  const genres = manifest.models.find((model) => model.name === 'popularity')?.params.genres;
  const profileUsers = await readProfileUsers(store, version);
  const keys: TableKey[] = [];
  for (const userId of userIds) {
    const profileId = profileUsers.get(userId);
    if (profileId !== undefined) {
      keys.push(servingKeys.profileRecommendations(profileId, version));
      continue;
    }
    keys.push(
      servingKeys.userRecommendations(userId, version),
      servingKeys.userVector(userId, version),
    );
  }
  for (const movieId of itemIds) {
    keys.push(
      servingKeys.similarMovies(movieId, version),
      servingKeys.movieVector(movieId, version),
    );
  }
  for (const genre of [ALL_GENRES, ...(Array.isArray(genres) ? (genres as string[]) : [])]) {
    keys.push(servingKeys.popular(genre, version));
  }
  return keys;
}

/**
 * Sets the TTL attribute (epoch seconds `expiresAt`) on every serving item of a superseded
 * version; DynamoDB deletes them in the background after that time. The registry entry and the
 * files in S3 stay, so the version can still be inspected or re-published.
 */
export async function retireVersion(
  version: string,
  expiresAt: number,
  ports: { store: ObjectStore; serving: ServingWriter },
): Promise<number> {
  const keys = await versionedKeys(ports.store, version);
  for (let i = 0; i < keys.length; i += EXPIRE_CHUNK) {
    await ports.serving.expire(keys.slice(i, i + EXPIRE_CHUNK), expiresAt);
  }
  return keys.length;
}
