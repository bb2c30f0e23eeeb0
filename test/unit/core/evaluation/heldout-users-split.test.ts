import { describe, expect, it } from 'vitest';
import { heldoutUsersSplit } from '../../../../lambdas/core/evaluation/heldout-users-split.ts';
import { ratingsOf } from '../models/ranking-fixtures.ts';

const scale = { min: 0.5, max: 5, step: 0.5 };
// 20 users. User u rates items 0..9 with 4 or 5 (kept: > 3.5), items 10..14 with 3 (dropped);
// user 19 rates only 4 items highly (dropped: fewer than 5 kept), user 18 also rates item 15,
// which nobody else rates highly.
const triples: [number, number, number][] = [];
for (let u = 0; u < 20; u++) {
  const liked = u === 19 ? 4 : 10;
  for (let i = 0; i < liked; i++) triples.push([u, i, i % 2 === 0 ? 4 : 5]);
  for (let i = 10; i < 15; i++) triples.push([u, i, 3]);
}
triples.push([18, 15, 5]);
const ratings = ratingsOf(triples);
const shape = { users: 20, items: 16 };
const options = { heldOutShare: 0.1, testShare: 0.2, minRatings: 5 };

describe('heldoutUsersSplit', () => {
  const split = heldoutUsersSplit(ratings, shape, scale, { ...options, seed: 3 });
  const heldOut = new Set(split.heldOut.map((h) => h.user));

  it('holds out round(0.1 · 19) = 2 of the 19 users with ≥ 5 ratings above 3.5', () => {
    expect(split.heldOut).toHaveLength(2);
    expect(heldOut.has(19)).toBe(false);
    const trainUsers = new Set([...split.train].map((k) => ratings.user[k]!));
    expect(trainUsers.size).toBe(17);
    for (const u of heldOut) expect(trainUsers.has(u)).toBe(false);
    expect(trainUsers.has(19)).toBe(false);
  });

  it('keeps only ratings above max − 1.5 in train', () => {
    for (const k of split.train) expect(ratings.value[k]).toBeGreaterThan(3.5);
    // 17 users × 10 kept ratings, plus item 15 if user 18 trains.
    expect(split.train.length).toBe(170 + (heldOut.has(18) ? 0 : 1));
  });

  it("folds in 8 of a held-out user's 10 items and keeps int(0.2 · 10) = 2 to find", () => {
    for (const user of split.heldOut) {
      expect(user.test).toHaveLength(2);
      expect(user.foldIn).toHaveLength(8);
      expect([...user.foldIn, ...user.test].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 10 }, (_, i) => i),
      );
      expect([...user.foldIn]).toEqual([...user.foldIn].sort((a, b) => a - b));
      expect([...user.foldInValues]).toEqual([...user.foldIn].map((i) => (i % 2 === 0 ? 4 : 5)));
    }
  });

  it('drops held-out ratings of movies no training user kept', () => {
    // Item 15 is rated highly by user 18 alone: held out, it is neither folded in nor test.
    for (let seed = 0; seed < 40; seed++) {
      const s = heldoutUsersSplit(ratings, shape, scale, { ...options, seed });
      const u18 = s.heldOut.find((h) => h.user === 18);
      if (u18 === undefined) continue;
      expect([...u18.foldIn, ...u18.test]).not.toContain(15);
      return;
    }
    throw new Error('user 18 was never held out in 40 seeds');
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = heldoutUsersSplit(ratings, shape, scale, { ...options, seed: 3 });
    expect(again).toEqual(split);
    const other = heldoutUsersSplit(ratings, shape, scale, { ...options, seed: 4 });
    expect(other.heldOut).not.toEqual(split.heldOut);
  });

  it('refuses shares outside (0, 1) and data without two users to split', () => {
    expect(() =>
      heldoutUsersSplit(ratings, shape, scale, { ...options, testShare: 1, seed: 1 }),
    ).toThrow(RangeError);
    const one = ratingsOf(Array.from({ length: 6 }, (_, i): [number, number, number] => [0, i, 5]));
    expect(() => heldoutUsersSplit(one, shape, scale, { ...options, seed: 1 })).toThrow(
      /at least 2 users/,
    );
  });
});
