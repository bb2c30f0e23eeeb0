import { describe, expect, it } from 'vitest';
import { balancedRanges } from '../../../lambdas/threads/balanced-ranges.ts';

/** CSR row offsets of rows with these nonzero counts. */
const offsets = (counts: number[]): Int32Array => {
  const indptr = new Int32Array(counts.length + 1);
  counts.forEach((n, r) => (indptr[r + 1] = indptr[r]! + n));
  return indptr;
};

const work = (counts: number[], [from, to]: [number, number], rowCost: number): number =>
  counts.slice(from, to).reduce((sum, n) => sum + n + rowCost, 0);

describe('balancedRanges', () => {
  it('covers every row once, in order, in ranges of about equal work on long-tailed rows', () => {
    // Long-tailed like item popularity: the first rows hold most of the nonzeros.
    const counts = Array.from({ length: 1000 }, (_, r) => Math.floor(20_000 / (r + 1)));
    const ranges = balancedRanges(offsets(counts), 8, 4);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(1000);
    ranges.slice(1).forEach(([from], i) => expect(from).toBe(ranges[i]![1]));
    const total = counts.reduce((a, b) => a + b, 0) + 4 * counts.length;
    // No range holds more than its share plus the largest single row it may have had to take.
    for (const range of ranges.slice(1)) {
      expect(work(counts, range, 4)).toBeLessThan(total / 8 + 20_000 / (range[0] + 1) + 4);
    }
    // Equal row counts would put almost half of the work in the first of 8 ranges.
    expect(work(counts, [0, 125], 4) / total).toBeGreaterThan(0.4);
  });

  it('puts a row heavier than a share in a range of its own and never returns empty ranges', () => {
    const ranges = balancedRanges(offsets([1, 100, 1, 1, 1]), 4, 0);
    expect(ranges).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(balancedRanges(offsets([5, 5]), 8, 0)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(balancedRanges(offsets([]), 4, 1)).toEqual([]);
  });

  it('counts rows without nonzeros by their row cost', () => {
    expect(balancedRanges(offsets([0, 0, 0, 0]), 2, 1)).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
