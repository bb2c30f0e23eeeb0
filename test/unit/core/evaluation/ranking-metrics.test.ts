import { describe, expect, it } from 'vitest';
import {
  cappedRecallAtK,
  catalogueCoverage,
  rankingScoresAtK,
} from '../../../../lambdas/core/evaluation/ranking-metrics.ts';

describe('rankingScoresAtK', () => {
  it('scores a list with hits at ranks 2 and 5 out of three relevant items', () => {
    const s = rankingScoresAtK(
      Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      Int32Array.from([2, 5, 20]),
      10,
    );
    expect(s.precision).toBeCloseTo(0.2, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(6);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(s.ndcg).toBeCloseTo(dcg / idcg, 12);
    // MS Recommenders: (1/2 + 2/5) / |relevant| = 0.9 / 3.
    expect(s.averagePrecision).toBeCloseTo(0.3, 12);
  });

  it('gives a perfect single hit at rank 1 full marks except precision', () => {
    const s = rankingScoresAtK(Int32Array.from([7, 1, 2]), Int32Array.from([7]), 10);
    expect(s).toEqual({ precision: 0.1, recall: 1, ndcg: 1, averagePrecision: 1 });
  });

  it('averages the two users above as the protocol does', () => {
    const a = rankingScoresAtK(Int32Array.from([1, 2, 3, 4, 5]), Int32Array.from([2, 5, 20]), 10);
    const b = rankingScoresAtK(Int32Array.from([7]), Int32Array.from([7]), 10);
    expect((a.averagePrecision + b.averagePrecision) / 2).toBeCloseTo(0.65, 12);
    expect((a.precision + b.precision) / 2).toBeCloseTo(0.15, 12);
  });

  it('ignores recommendations beyond k and rejects users without relevant items', () => {
    const s = rankingScoresAtK(Int32Array.from([1, 2, 3]), Int32Array.from([3]), 2);
    expect(s.precision).toBe(0);
    expect(() => rankingScoresAtK(Int32Array.from([1]), new Int32Array(0), 10)).toThrow();
  });
});

describe('catalogueCoverage', () => {
  it('counts distinct recommended items over the catalogue', () => {
    const lists = [Int32Array.from([0, 1]), Int32Array.from([1, 3])];
    expect(catalogueCoverage(lists, 6, 10)).toBeCloseTo(0.5, 12);
  });
});

describe('cappedRecallAtK', () => {
  it('divides the hits in the first k by min(k, |relevant|)', () => {
    const list = Int32Array.from([5, 1, 9, 2, 8]);
    // k = 3: hits 5 and 9 of relevant {2, 5, 9, 11} → 2 / min(3, 4) = 2/3.
    expect(cappedRecallAtK(list, Int32Array.from([2, 5, 9, 11]), 3)).toBeCloseTo(2 / 3, 12);
    // k = 5: hits 5, 9, 2 → 3 / min(5, 4) = 3/4.
    expect(cappedRecallAtK(list, Int32Array.from([2, 5, 9, 11]), 5)).toBe(0.75);
    expect(() => cappedRecallAtK(list, new Int32Array(0), 5)).toThrow(RangeError);
  });
});
