import { describe, expect, it } from 'vitest';
import { seedSpread } from '../../../../lambdas/local/bench/seed-spread.ts';

describe('seedSpread', () => {
  it('gives the mean, the sample standard deviation (n − 1) and the range', () => {
    // Mean 5; squared deviations 9, 1, 1, 9 sum to 20; 20 / 3 → sd √(20/3) = 2.581989.
    const s = seedSpread([2, 4, 6, 8]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(2.581989, 6);
    expect([s.min, s.max]).toEqual([2, 8]);
  });

  it('has no spread for one value and refuses none', () => {
    expect(seedSpread([0.4])).toEqual({ mean: 0.4, sd: 0, min: 0.4, max: 0.4 });
    expect(() => seedSpread([])).toThrow(RangeError);
  });
});
