import { describe, expect, it } from 'vitest';
import { foldInQuality } from '../../../../lambdas/core/evaluation/fold-in-quality.ts';
import type { HeldoutUser } from '../../../../lambdas/core/evaluation/heldout-users-split.ts';

const items = 200;
/** Ranks items by index (item 0 best) whatever it is given. */
const byIndex = (_items: Int32Array, _ratings: Float32Array, out: Float32Array) => {
  for (let i = 0; i < items; i++) out[i] = items - i;
};
const user = (foldIn: number[], test: number[]): HeldoutUser => ({
  user: 0,
  foldIn: Int32Array.from(foldIn),
  foldInValues: new Float32Array(foldIn.length).fill(5),
  test: Int32Array.from(test),
});

describe('foldInQuality', () => {
  it('matches nDCG@10/@100 and capped recall@20/@50 computed by hand', () => {
    // Folded-in items 0 and 1 are never candidates: the list is 2, 3, 4, …, 101.
    // Test {2, 30, 150}: hits at ranks 1 (item 2) and 29 (item 30); 150 is past rank 100.
    // nDCG@10 = 1 / (1 + 1/log2 3 + 1/log2 4) = 1 / 2.130930 = 0.469279
    // nDCG@100 = (1 + 1/log2 30) / 2.130930 = (1 + 0.203795) / 2.130930 = 0.564915
    // recall@20 = 1 / min(20, 3) = 1/3; recall@50 = 2/3.
    // Test {3}: hit at rank 2, so nDCG@10 = nDCG@100 = (1/log2 3) / 1 = 0.630930, recalls 1.
    const metrics = foldInQuality([user([0, 1], [2, 30, 150]), user([0, 1], [3])], items, byIndex);
    expect(metrics['ndcg@10']).toBeCloseTo((0.469279 + 0.63093) / 2, 5);
    expect(metrics['ndcg@100']).toBeCloseTo((0.564915 + 0.63093) / 2, 5);
    expect(metrics['recall@20']).toBeCloseTo((1 / 3 + 1) / 2, 10);
    expect(metrics['recall@50']).toBeCloseTo((2 / 3 + 1) / 2, 10);
  });

  it('divides recall by k when a user has more test items than k', () => {
    // 30 test items 2..31, all in the first 30 ranks: recall@20 = 20 / min(20, 30) = 1.
    const test = Array.from({ length: 30 }, (_, j) => j + 2);
    const metrics = foldInQuality([user([0, 1], test)], items, byIndex);
    expect(metrics['recall@20']).toBe(1);
    expect(metrics['recall@50']).toBe(1);
    expect(metrics['ndcg@100']).toBeCloseTo(1, 10);
  });

  it('gives zeros without held-out users', () => {
    expect(Object.values(foldInQuality([], items, byIndex))).toEqual([0, 0, 0, 0]);
  });
});
