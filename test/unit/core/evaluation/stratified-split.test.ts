import { describe, expect, it } from 'vitest';
import {
  stratifiedSplit,
  trainShare,
} from '../../../../lambdas/core/evaluation/stratified-split.ts';
import { ratingsOf } from '../models/ranking-fixtures.ts';

// User u rates counts[u] items and item i is rated by counts[i] users (the triples are
// symmetric), interleaved so that neither users nor items come in order.
const counts = [2, 4, 6, 10, 1, 20, 5, 3];
const triples: [number, number, number][] = [];
for (let round = 0; round < 20; round++) {
  counts.forEach((n, g) => {
    if (round < n) triples.push([g, round, 3]);
  });
}
// Per user g: items 0..counts[g]−1. Per item i: users g with counts[g] > i.
const ratings = ratingsOf(triples);
const perGroup = (key: Int32Array, positions: Int32Array, groups: number) => {
  const n = new Array<number>(groups).fill(0);
  for (const k of positions) n[key[k]!]!++;
  return n;
};

describe('stratifiedSplit', () => {
  it("puts floor(0.75·n) of each user's ratings in train by user", () => {
    const { train, test } = stratifiedSplit(ratings, 8, { by: 'user', ratio: 0.75, seed: 1 });
    // r / n ≤ 0.75: 2 → 1, 4 → 3, 6 → 4, 10 → 7, 1 → 0, 20 → 15, 5 → 3, 3 → 2.
    expect(perGroup(ratings.user, train, 8)).toEqual([1, 3, 4, 7, 0, 15, 3, 2]);
    expect(perGroup(ratings.user, test, 8)).toEqual([1, 1, 2, 3, 1, 5, 2, 1]);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([...ratings.user.keys()]);
  });

  it("puts floor(0.75·n) of each movie's ratings in train by item", () => {
    const items = 20;
    const { train, test } = stratifiedSplit(ratings, items, { by: 'item', ratio: 0.75, seed: 1 });
    // Items 0–5 are rated by 8, 7, 6, 5, 4, 3 users, items 6–9 by 2, items 10–19 by 1:
    // r / n ≤ 0.75 trains 6, 5, 4, 3, 3, 2, then 1 each, then none (all 10 single ratings test).
    const single = new Array<number>(10).fill(0);
    expect(perGroup(ratings.item, train, items)).toEqual([6, 5, 4, 3, 3, 2, 1, 1, 1, 1, ...single]);
    expect(perGroup(ratings.item, test, items)).toEqual([
      2,
      2,
      2,
      2,
      1,
      1,
      1,
      1,
      1,
      1,
      ...single.map(() => 1),
    ]);
    expect(new Set([...train, ...test]).size).toBe(ratings.item.length);
    // The split really is per item: user 5's ratings are not split 15/5 any more.
    expect(perGroup(ratings.user, train, 8)).not.toEqual([1, 3, 4, 7, 0, 15, 3, 2]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = stratifiedSplit(ratings, 20, { by: 'item', ratio: 0.75, seed: 4 });
    const b = stratifiedSplit(ratings, 20, { by: 'item', ratio: 0.75, seed: 4 });
    const c = stratifiedSplit(ratings, 20, { by: 'item', ratio: 0.75, seed: 5 });
    expect([...b.test]).toEqual([...a.test]);
    expect([...c.test]).not.toEqual([...a.test]);
  });

  it('picks every rating of a group for test equally often across seeds', () => {
    // User 5 has 20 ratings, 5 to test: over 400 seeds each is in test about 100 times.
    const inTest = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 400; seed++) {
      const { test } = stratifiedSplit(ratings, 8, { by: 'user', ratio: 0.75, seed });
      for (const k of test) if (ratings.user[k] === 5) inTest[ratings.item[k]!]!++;
    }
    for (const n of inTest) expect(n).toBeGreaterThan(65);
    for (const n of inTest) expect(n).toBeLessThan(135);
  });

  it('rejects a ratio outside (0, 1)', () => {
    expect(() => stratifiedSplit(ratings, 8, { by: 'user', ratio: 1, seed: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('trainShare', () => {
  it('counts the ranks r with r / n ≤ ratio, as pandas compares them', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => trainShare(n, 0.75))).toEqual([
      0, 1, 2, 3, 3, 4, 5, 6, 75,
    ]);
    // 0.7 is not exact in binary, yet 7 / 10 rounds to the same double, so 7 of 10 train.
    expect(trainShare(10, 0.7)).toBe(7);
    expect(trainShare(3, 0.9)).toBe(2);
  });
});
