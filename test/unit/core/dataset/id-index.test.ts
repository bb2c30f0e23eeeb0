import { describe, expect, it } from 'vitest';
import { IdIndex, sortedUniqueIds } from '../../../../lambdas/core/dataset/id-index.ts';

describe('IdIndex', () => {
  it('maps small ids through a table', () => {
    const index = new IdIndex([10, 3, 7]);
    expect([10, 3, 7, 4, 11, -1].map((id) => index.get(id))).toEqual([0, 1, 2, -1, -1, -1]);
  });

  it('maps huge and negative ids through a map', () => {
    const index = new IdIndex([2_000_000_000, -5, 1]);
    expect([2_000_000_000, -5, 1, 0].map((id) => index.get(id))).toEqual([0, 1, 2, -1]);
  });
});

describe('sortedUniqueIds', () => {
  it('returns distinct ids ascending, small or large', () => {
    expect(Array.from(sortedUniqueIds(Int32Array.of(5, 1, 5, 3, 1)))).toEqual([1, 3, 5]);
    expect(Array.from(sortedUniqueIds(Int32Array.of(2_000_000_000, -4, 7, -4)))).toEqual([
      -4, 7, 2_000_000_000,
    ]);
  });
});
