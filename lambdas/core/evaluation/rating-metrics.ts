/**
 * Error metrics for rating prediction, over paired arrays of true and predicted ratings.
 * Typed-array reads use `!` (noUncheckedIndexedAccess; indices are bounded by the loop).
 */

function checkPaired(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length) {
    throw new RangeError(
      `actual and predicted differ in length (${actual.length} vs ${predicted.length})`,
    );
  }
  if (actual.length === 0) throw new RangeError('no ratings to score');
  return actual.length;
}

/** Root mean squared error, √(Σ (r − r̂)² / n). */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPaired(actual, predicted);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const e = actual[k]! - predicted[k]!;
    sum += e * e;
  }
  return Math.sqrt(sum / n);
}

/** Mean absolute error, Σ |r − r̂| / n. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = checkPaired(actual, predicted);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.abs(actual[k]! - predicted[k]!);
  return sum / n;
}
