/** Latency figures of a timed loop, in milliseconds. */
export interface LatencySummary {
  runs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at least
 * q·n of the values at or below it (so p99 of 100 runs is the 99th, never an interpolation).
 */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile must be in (0, 1], got ${q}`);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function summariseLatency(timesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(timesMs).sort();
  return {
    runs: sorted.length,
    p50Ms: nearestRank(sorted, 0.5),
    p90Ms: nearestRank(sorted, 0.9),
    p99Ms: nearestRank(sorted, 0.99),
    maxMs: nearestRank(sorted, 1),
  };
}

/** The middle value, or the mean of the two middle ones for an even count. */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
