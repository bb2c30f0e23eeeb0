import { describe, expect, it } from 'vitest';
import { mae, rmse } from '../../../../lambdas/core/evaluation/rating-metrics.ts';

describe('rating metrics', () => {
  it('match hand-computed values', () => {
    // errors 1, -2, 0, 1: squares 1 + 4 + 0 + 1 = 6, absolutes 1 + 2 + 0 + 1 = 4
    const actual = [4, 3, 5, 2];
    const predicted = new Float32Array([3, 5, 5, 1]);
    expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt(6 / 4), 12);
    expect(mae(actual, predicted)).toBeCloseTo(1, 12);
  });

  it('are zero for perfect predictions', () => {
    expect(rmse([1, 2.5], [1, 2.5])).toBe(0);
    expect(mae([1, 2.5], [1, 2.5])).toBe(0);
  });

  it('reject unpaired or empty inputs', () => {
    expect(() => rmse([1, 2], [1])).toThrow(/differ in length/);
    expect(() => mae([], [])).toThrow(/no ratings/);
  });
});
