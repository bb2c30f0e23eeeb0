import { describe, expect, it } from 'vitest';
import {
  roundHalfEven,
  stratifiedSplit,
} from '../../../../lambdas/core/evaluation/stratified-split.ts';
import { ratingsOf } from '../models/ranking-fixtures.ts';

// User u has counts[u] ratings, interleaved with the other users' ratings.
const counts = [2, 4, 6, 10, 1, 20];
const triples: [number, number, number][] = [];
for (let round = 0; round < 20; round++) {
  counts.forEach((n, u) => {
    if (round < n) triples.push([u, round, 3]);
  });
}
const ratings = ratingsOf(triples);

describe('stratifiedSplit', () => {
  it("puts round-half-even(0.75·n) of each user's ratings in train", () => {
    const { train, test } = stratifiedSplit(ratings, counts.length, { ratio: 0.75, seed: 1 });
    const perUser = (positions: Int32Array) =>
      counts.map((_, u) => [...positions].filter((k) => ratings.user[k] === u).length);
    // 1.5 → 2, 3, 4.5 → 4, 7.5 → 8, 0.75 → 1, 15.
    expect(perUser(train)).toEqual([2, 3, 4, 8, 1, 15]);
    expect(perUser(test)).toEqual([0, 1, 2, 2, 0, 5]);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([...ratings.user.keys()]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = stratifiedSplit(ratings, counts.length, { ratio: 0.75, seed: 4 });
    const b = stratifiedSplit(ratings, counts.length, { ratio: 0.75, seed: 4 });
    const c = stratifiedSplit(ratings, counts.length, { ratio: 0.75, seed: 5 });
    expect([...b.test]).toEqual([...a.test]);
    expect([...c.test]).not.toEqual([...a.test]);
  });

  it('rejects a ratio outside (0, 1)', () => {
    expect(() => stratifiedSplit(ratings, counts.length, { ratio: 1, seed: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour like Python', () => {
    expect([0.5, 1.5, 2.5, 4.5, 7.5, 2.25, 2.75].map(roundHalfEven)).toEqual([0, 2, 2, 4, 8, 2, 3]);
  });
});
