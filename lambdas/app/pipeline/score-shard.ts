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
import type { ServingItem, ServingWriter } from './serving-writer.ts';
import type { WriteItemsOptions } from './write-items.ts';
import { writeItems } from './write-items.ts';

/** Default length of each user's precomputed list. */
export const DEFAULT_TOP_N = 20;

/** Users scored before their items are written, bounding memory whatever the shard size. */
const WRITE_EVERY = 500;

/**
 * One child of the Distributed Map: for each user of the shard, the top-N (with "because you
 * liked" reasons, the user's rated movies left out) and the rating model's user vector, written
 * as RECS#<version> and VEC#<version> items with BatchWriteItem retries.
 */
export async function scoreShard(
  shard: ShardDescriptor,
  ports: {
    loadVersion: (version: string) => Promise<ModelVersion>;
    serving: ServingWriter;
    write: WriteItemsOptions;
    topN?: number;
  },
): Promise<{ shard: number; users: number; items: number; calls: number }> {
  const model = await ports.loadVersion(shard.version);
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
  for (let user = shard.first; user < shard.first + shard.count; user++) {
    const userId = userIds[user]!;
    const recs = recommendForUser(model, userId, { limit });
    const record = userRecommendationsRecord(model.catalogue, rows, userId, shard.version, recs);
    pending.push(servingItem(servingKeys.userRecommendations(userId, shard.version), record));
    pending.push(
      servingItem(
        servingKeys.userVector(userId, shard.version),
        userVector(model.rating, shard.version, user),
      ),
    );
    if (pending.length >= WRITE_EVERY * 2) await flush();
  }
  await flush();
  return { shard: shard.shard, users: shard.count, items, calls };
}
