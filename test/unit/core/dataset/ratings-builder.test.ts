import { describe, expect, it } from 'vitest';
import { RatingsBuilder } from '../../../../lambdas/core/dataset/ratings-builder.ts';

describe('RatingsBuilder', () => {
  it('collects ratings across many blocks into exact arrays', () => {
    const builder = new RatingsBuilder();
    const n = 20_000;
    for (let k = 0; k < n; k++) builder.push(k % 97, k % 13, 0.5 + (k % 10) / 2, k * 3, k + 2);
    const ratings = builder.build();
    expect(ratings.user.length).toBe(n);
    expect(ratings.value.length).toBe(n);
    for (const k of [0, 4095, 4096, 12287, 12288, n - 1]) {
      expect([ratings.user[k], ratings.item[k], ratings.value[k], ratings.timestamp[k]]).toEqual([
        k % 97,
        k % 13,
        0.5 + (k % 10) / 2,
        k * 3,
      ]);
    }
  });

  it('remembers source lines across gaps', () => {
    const builder = new RatingsBuilder();
    for (const line of [2, 3, 4, 7, 8, 20]) builder.push(0, 0, 1, 0, line);
    expect([0, 1, 2, 3, 4, 5].map((k) => builder.lineOf(k))).toEqual([2, 3, 4, 7, 8, 20]);
  });
});
