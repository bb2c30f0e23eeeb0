import * as z from 'zod';
import { readManifest, readModelArray } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';

/**
 * One item of the Distributed Map: a contiguous range of the version's dense user indices
 * [first, first + count). Ranges keep each child's input tiny whatever the shard size.
 */
export const shardSchema = z.object({
  version: z.string().min(1),
  shard: z.number().int().nonnegative(),
  first: z.number().int().nonnegative(),
  count: z.number().int().positive(),
});

export type ShardDescriptor = z.infer<typeof shardSchema>;

/** Default users per shard: about a minute of scoring in a Lambda on ml-25m's catalogue. */
export const DEFAULT_SHARD_SIZE = 2000;

/** Splits `users` dense indices into shards of at most `shardSize` users, each user once. */
export function planShards(version: string, users: number, shardSize: number): ShardDescriptor[] {
  if (!Number.isInteger(shardSize) || shardSize < 1) {
    throw new RangeError(`shard size must be a positive integer, got ${shardSize}`);
  }
  const shards: ShardDescriptor[] = [];
  for (let first = 0; first < users; first += shardSize) {
    shards.push({
      version,
      shard: shards.length,
      first,
      count: Math.min(shardSize, users - first),
    });
  }
  return shards;
}

/** The shard-manifest step: the JSON array the Distributed Map's ItemReader reads. */
export async function writeShardManifest(
  input: { version: string; shardSize?: number },
  ports: { store: ObjectStore },
): Promise<{ key: string; shards: number; users: number }> {
  const manifest = await readManifest(ports.store, input.version);
  const users = (await readModelArray(ports.store, manifest, 'users', 'userIds')).length;
  const shards = planShards(input.version, users, input.shardSize ?? DEFAULT_SHARD_SIZE);
  const key = pipelineObjectKeys.shardManifest(input.version);
  await putJson(ports.store, key, shards);
  return { key, shards: shards.length, users };
}
