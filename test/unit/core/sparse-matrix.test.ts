import { describe, expect, it } from 'vitest';
import { selectRatings, toSparseMatrix } from '../../../lambdas/core/dataset/sparse-matrix.ts';
import type { Ratings } from '../../../lambdas/core/dataset/dataset.ts';

const ratings: Ratings = {
  user: Int32Array.from([1, 0, 1, 0, 2]),
  item: Int32Array.from([2, 1, 0, 0, 1]),
  value: Float32Array.from([5, 4, 3, 2, 1]),
  timestamp: Uint32Array.from([10, 20, 30, 40, 50]),
};

describe('toSparseMatrix', () => {
  it('groups by user with ascending item columns', () => {
    const m = toSparseMatrix(ratings, { users: 3, items: 3 }, 'user');
    expect(Array.from(m.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(m.indices)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(m.values)).toEqual([2, 4, 3, 5, 1]);
  });

  it('groups by item with ascending user columns', () => {
    const m = toSparseMatrix(ratings, { users: 3, items: 3 }, 'item');
    expect(Array.from(m.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(m.indices)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(m.values)).toEqual([2, 3, 4, 1, 5]);
  });
});

describe('selectRatings', () => {
  it('copies the chosen positions in order', () => {
    const s = selectRatings(ratings, [4, 0]);
    expect(Array.from(s.user)).toEqual([2, 1]);
    expect(Array.from(s.item)).toEqual([1, 2]);
    expect(Array.from(s.timestamp)).toEqual([50, 10]);
  });
});
