import { describe, expect, it } from 'vitest';
import {
  median,
  nearestRank,
  summariseLatency,
} from '../../../../lambdas/local/bench/percentiles.ts';

describe('nearestRank', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the smallest value with at least q·n values at or below it', () => {
    expect(nearestRank(hundred, 0.5)).toBe(50);
    expect(nearestRank(hundred, 0.99)).toBe(99);
    expect(nearestRank(hundred, 0.991)).toBe(100);
    expect(nearestRank(hundred, 1)).toBe(100);
    expect(nearestRank([7], 0.01)).toBe(7);
    expect(nearestRank([1, 2, 3], 0.5)).toBe(2);
  });

  it('refuses no values and quantiles outside (0, 1]', () => {
    expect(() => nearestRank([], 0.5)).toThrow(RangeError);
    expect(() => nearestRank(hundred, 0)).toThrow(RangeError);
    expect(() => nearestRank(hundred, 1.5)).toThrow(RangeError);
  });
});

describe('summariseLatency', () => {
  it('sorts the times itself and reports p50, p90, p99 and max', () => {
    const times = Array.from({ length: 10 }, (_, i) => (i * 7) % 10);
    expect(summariseLatency(times)).toEqual({
      runs: 10,
      p50Ms: 4,
      p90Ms: 8,
      p99Ms: 9,
      maxMs: 9,
    });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});
