/**
 * In-place inverse of a dense symmetric positive-definite matrix (row-major Float64Array n×n),
 * used by EASE for P = (XᵀX + λI)⁻¹. Reads use `!`: indices are in range by construction.
 */

const BLOCK = 32;

/**
 * Replaces `a` by a⁻¹ with the symmetric sweep operator (Goodnight 1979, "A Tutorial on the
 * SWEEP Operator"). Sweeping a block K of pivots maps
 *   A_KK → −A_KK⁻¹,  A_IK → A_IK·A_KK⁻¹,  A_IJ → A_IJ − A_IK·A_KK⁻¹·A_KJ   (I, J ∉ K),
 * and sweeping every pivot leaves −A⁻¹. Pivots are swept BLOCK at a time so each pass over the
 * matrix does BLOCK multiply-adds per entry instead of one (a one-pivot sweep is memory bound
 * once n² doubles leave the cache). Only the upper triangle is updated (≈ n³/2 multiply-adds);
 * no pivoting is needed because every unswept block of a positive-definite matrix stays positive
 * definite. Throws when a pivot is not positive.
 */
export function invertSpdInPlace(a: Float64Array, n: number): void {
  const c = new Float64Array(n * BLOCK); // column block K of the current matrix, row j at j·b
  const w = new Float64Array(n * BLOCK); // A_IK·A_KK⁻¹
  const kk = new Float64Array(BLOCK * BLOCK);
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    const b = k1 - k0;
    for (let j = 0; j < n; j++) {
      for (let t = 0; t < b; t++) {
        const col = k0 + t;
        c[j * b + t] = j <= col ? a[j * n + col]! : a[col * n + j]!;
      }
    }
    for (let s = 0; s < b; s++) for (let t = 0; t < b; t++) kk[s * b + t] = c[(k0 + s) * b + t]!;
    sweepSmall(kk, b); // kk = −A_KK⁻¹
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      for (let t = 0; t < b; t++) {
        let sum = 0;
        for (let s = 0; s < b; s++) sum -= c[i * b + s]! * kk[s * b + t]!;
        w[i * b + t] = sum;
      }
    }
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      const row = i * n;
      const wi = i * b;
      const jEnd = i < k0 ? k0 : n;
      for (let j = i; j < jEnd; j++) {
        const cj = j * b;
        let sum = 0;
        for (let t = 0; t < b; t++) sum += w[wi + t]! * c[cj + t]!;
        a[row + j] = a[row + j]! - sum;
      }
      if (i < k0) {
        for (let j = k1; j < n; j++) {
          const cj = j * b;
          let sum = 0;
          for (let t = 0; t < b; t++) sum += w[wi + t]! * c[cj + t]!;
          a[row + j] = a[row + j]! - sum;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      for (let t = 0; t < b; t++) {
        const col = k0 + t;
        if (i < col) a[i * n + col] = w[i * b + t]!;
        else a[col * n + i] = w[i * b + t]!;
      }
    }
    for (let s = 0; s < b; s++) {
      for (let t = s; t < b; t++) a[(k0 + s) * n + k0 + t] = kk[s * b + t]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = i; j < n; j++) {
      const v = -a[row + j]!;
      a[row + j] = v;
      a[j * n + i] = v;
    }
  }
}

/** One-pivot-at-a-time sweep of a small full symmetric b×b block: leaves −M⁻¹. */
function sweepSmall(m: Float64Array, b: number): void {
  for (let k = 0; k < b; k++) {
    const d = m[k * b + k]!;
    if (!(d > 0)) throw new RangeError('matrix is not positive definite');
    const inv = 1 / d;
    for (let i = 0; i < b; i++) {
      if (i === k) continue;
      const f = m[i * b + k]! * inv;
      for (let j = 0; j < b; j++) {
        if (j !== k) m[i * b + j] = m[i * b + j]! - f * m[k * b + j]!;
      }
    }
    for (let i = 0; i < b; i++) {
      if (i === k) continue;
      m[i * b + k] = m[i * b + k]! * inv;
      m[k * b + i] = m[k * b + i]! * inv;
    }
    m[k * b + k] = -inv;
  }
}
