import type { ModelVersion } from '../model-version.ts';
import { recommendForUser } from '../recommend-for-user.ts';
import { servingKeys } from '../serving/serving-keys.ts';
import type { ShardDescriptor } from './shard-manifest.ts';
import {
  catalogueRows,
  servingItem,
  userRecommendationsRecord,
  userVector,
} from './serving-items.ts';
import type { ProfileRecommendationsRecord } from '../serving/serving-records.ts';
import type { ServingItem, ServingWriter } from './serving-writer.ts';
import type { WriteItemsOptions } from './write-items.ts';
import { writeItems } from './write-items.ts';

/** Default length of each user's precomputed list. */
export const DEFAULT_TOP_N = 20;

/** Users scored before their items are written, bounding memory whatever the shard size. */
const WRITE_EVERY = 500;

/**
 * Profiles with fewer ratings get no precomputed list (they still train): the API folds them in
 * live, which is as good for so few ratings.
 */
export const PROFILE_MIN_RATINGS = 3;

/**
 * One child of the Distributed Map: for each user of the shard, the top-N (with "because you
 * liked" reasons, the user's rated movies left out) and the rating model's user vector, written
 * as RECS#<version> and VEC#<version> items with BatchWriteItem retries. A profile's synthetic
 * user gets its list under the profile instead (PROFILE#<id> / RECS#<version>, when it has
 * PROFILE_MIN_RATINGS) and no USER# item at all, so /users/{id} never serves a profile.
 */
export async function scoreShard(
  shard: ShardDescriptor,
  ports: {
    loadVersion: (version: string) => Promise<ModelVersion>;
    /** The version's profile users: user id → profile id (readProfileUsers). */
    loadProfileUsers: (version: string) => Promise<ReadonlyMap<number, string>>;
    serving: ServingWriter;
    write: WriteItemsOptions;
    topN?: number;
  },
): Promise<{ shard: number; users: number; items: number; calls: number }> {
  const model = await ports.loadVersion(shard.version);
  const profileUsers = await ports.loadProfileUsers(shard.version);
  const userIds = model.history.userIds;
  if (shard.first + shard.count > userIds.length) {
    throw new RangeError(
      `shard ${shard.shard} ends at user ${shard.first + shard.count}, version ${shard.version} has ${userIds.length}`,
    );
  }
  const limit = ports.topN ?? DEFAULT_TOP_N;
  const rows = catalogueRows(model.catalogue);
  let pending: ServingItem[] = [];
  let items = 0;
  let calls = 0;
  const flush = async (): Promise<void> => {
    calls += await writeItems(ports.serving, pending, ports.write);
    items += pending.length;
    pending = [];
  };
  const { history } = model;
  for (let user = shard.first; user < shard.first + shard.count; user++) {
    if (pending.length >= WRITE_EVERY * 2) await flush();
    const userId = userIds[user]!;
    const profileId = profileUsers.get(userId);
    const rated = history.indptr[user + 1]! - history.indptr[user]!;
    if (profileId !== undefined && rated < PROFILE_MIN_RATINGS) continue;
    const recs = recommendForUser(model, userId, { limit });
    const record = userRecommendationsRecord(model.catalogue, rows, userId, shard.version, recs);
    if (profileId !== undefined) {
      const profileRecord: ProfileRecommendationsRecord = {
        profileId,
        version: shard.version,
        items: record.items,
      };
      pending.push(
        servingItem(servingKeys.profileRecommendations(profileId, shard.version), profileRecord),
      );
      continue;
    }
    pending.push(servingItem(servingKeys.userRecommendations(userId, shard.version), record));
    pending.push(
      servingItem(
        servingKeys.userVector(userId, shard.version),
        userVector(model.rating, shard.version, user),
      ),
    );
  }
  await flush();
  return { shard: shard.shard, users: shard.count, items, calls };
}
