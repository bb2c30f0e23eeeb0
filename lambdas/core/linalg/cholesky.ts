/**
 * Cholesky factorisation and solves for small dense symmetric positive-definite systems, the
 * k×k normal equations of ALS and fold-in. Matrices are row-major Float64Array of n×n; reads use
 * `!` because every index is in range by construction (numeric kernel).
 */

/**
 * Factors A = L·Lᵀ in place: on return the lower triangle (diagonal included) of `a` holds L;
 * the strict upper triangle is left untouched and must not be read as part of L. Row-oriented
 * (Cholesky–Banachiewicz) so the inner loop is a dot product of two contiguous rows.
 * Returns false when A is not (numerically) positive definite.
 */
export function choleskyFactor(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j]!;
      for (let p = 0; p < j; p++) sum -= a[rowI + p]! * a[rowJ + p]!;
      if (i === j) {
        if (!(sum > 0)) return false;
        a[rowI + i] = Math.sqrt(sum);
      } else {
        a[rowI + j] = sum / a[rowJ + j]!;
      }
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (b becomes x), given the factor from `choleskyFactor`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let p = 0; p < i; p++) sum -= l[row + p]! * b[p]!;
    b[i] = sum / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let p = i + 1; p < n; p++) sum -= l[p * n + i]! * b[p]!;
    b[i] = sum / l[i * n + i]!;
  }
}

/**
 * Solves A·x = b for symmetric positive-definite A; `a` is overwritten by its factor and `b` by
 * x. Throws when A is not positive definite (a caller bug: ALS systems carry a ridge term).
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array): void {
  if (!choleskyFactor(a, n)) throw new RangeError('matrix is not positive definite');
  choleskySolve(a, n, b);
}
