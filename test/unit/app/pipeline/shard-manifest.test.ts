import { describe, expect, it } from 'vitest';
import { planShards, shardSchema } from '../../../../lambdas/app/pipeline/shard-manifest.ts';

describe('planShards', () => {
  it.each([
    [0, 5],
    [1, 5],
    [10, 5],
    [11, 5],
    [610, 2000],
    [162_541, 2000],
  ])('covers each of %i users exactly once in shards of at most %i', (users, size) => {
    const shards = planShards('v1', users, size);
    const seen = new Uint8Array(users);
    for (const shard of shards) {
      expect(shardSchema.parse(shard)).toEqual(shard);
      expect(shard.count).toBeLessThanOrEqual(size);
      for (let u = shard.first; u < shard.first + shard.count; u++) seen[u]!++;
    }
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(shards.map((s) => s.shard)).toEqual(shards.map((_, i) => i));
    expect(shards).toHaveLength(Math.ceil(users / size));
  });

  it('rejects a shard size that is not a positive integer', () => {
    expect(() => planShards('v1', 10, 0)).toThrow(RangeError);
    expect(() => planShards('v1', 10, 2.5)).toThrow(RangeError);
  });
});
