import { describe, expect, it } from 'vitest';
import {
  choleskyFactor,
  choleskySolve,
  solveSpd,
} from '../../../../lambdas/core/linalg/cholesky.ts';

describe('cholesky', () => {
  it('factors a known matrix', () => {
    // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (Wikipedia's example).
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(choleskyFactor(a, 3)).toBe(true);
    const lower = [a[0], a[3], a[4], a[6], a[7], a[8]];
    [2, 6, 1, -8, 5, 3].forEach((v, i) => expect(lower[i]).toBeCloseTo(v, 12));
  });

  it('solves A·x = b', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    // x = [1, 2, 3] → b = A·x.
    const b = Float64Array.from([4 + 24 - 48, 12 + 74 - 129, -16 - 86 + 294]);
    solveSpd(a, 3, b);
    [1, 2, 3].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  it('reuses a factor for several right-hand sides', () => {
    const a = Float64Array.from([2, 1, 1, 3]);
    choleskyFactor(a, 2);
    const b1 = Float64Array.from([1, 0]);
    choleskySolve(a, 2, b1);
    expect(b1[0]).toBeCloseTo(0.6, 12);
    expect(b1[1]).toBeCloseTo(-0.2, 12);
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(choleskyFactor(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
    expect(() => solveSpd(Float64Array.from([0]), 1, Float64Array.from([1]))).toThrow(RangeError);
  });
});
