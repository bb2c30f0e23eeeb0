/**
 * The quality gate between training and publishing: a new version may be worse than the live one
 * by at most `tolerance` (relative) on ranking quality (nDCG@10, higher is better) and on rating
 * error (RMSE, lower is better). Noise between two runs on the same data is well under 1%, so
 * the default 2% only stops real regressions.
 */
export const DEFAULT_TOLERANCE = 0.02;

export interface GateDecision {
  passed: boolean;
  /** Why the gate failed ('' when it passed); becomes the Fail state's cause. */
  cause: string;
  /** Human-readable reason the gate passed (first version, forced, within tolerance…). */
  reason: string;
}

const CHECKS = [
  { metric: 'ndcg@10', higherIsBetter: true },
  { metric: 'rmse', higherIsBetter: false },
] as const;

export function qualityGate(
  candidate: { version: string; metrics: Record<string, unknown>; dataset: string },
  live: { version: string; metrics: Record<string, unknown>; dataset: string | null } | null,
  options: { tolerance?: number; force?: boolean } = {},
): GateDecision {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (live === null) return { passed: true, cause: '', reason: 'no live model yet' };
  const regressions: string[] = [];
  for (const { metric, higherIsBetter } of CHECKS) {
    const now = candidate.metrics[metric];
    const before = live.metrics[metric];
    if (typeof now !== 'number' || typeof before !== 'number') continue;
    const worse = higherIsBetter ? now < before * (1 - tolerance) : now > before * (1 + tolerance);
    if (worse) {
      regressions.push(`${metric} ${now.toFixed(4)} vs live ${before.toFixed(4)}`);
    }
  }
  if (regressions.length === 0) {
    return {
      passed: true,
      cause: '',
      reason: `within ${(tolerance * 100).toFixed(1)}% of live version ${live.version}`,
    };
  }
  const cause =
    `version ${candidate.version} is worse than live version ${live.version} beyond the ` +
    `${(tolerance * 100).toFixed(1)}% tolerance: ${regressions.join('; ')}` +
    (live.dataset !== null && live.dataset !== candidate.dataset
      ? ` (live was trained on ${live.dataset}, this on ${candidate.dataset})`
      : '') +
    '. Start the execution with "force": true to publish it anyway.';
  if (options.force === true) {
    return { passed: true, cause: '', reason: `forced despite: ${cause}` };
  }
  return { passed: false, cause, reason: '' };
}
