/**
 * iALS row solves, the same steps as solveRow, conjugateGradientRow and the Cholesky routines of
 * lambdas/core/models/ials.ts and lambdas/core/linalg/cholesky.ts (which cite the method; the
 * TypeScript reference): for each row, A·w = Σ c_i h_i with A = α0·G + Σ c_i h_i h_iᵀ + λ_r I,
 * λ_r = λ·(nnz + α0·n)^ν, solved exactly (A's lower triangle accumulated, then L·Lᵀ) or by
 * `steps` CG steps from the row's current value; then the row's objective terms. f64 vectors
 * (f64x2), the fixed factors read as f32 and widened two at a time; sums run in a different
 * order from the reference's, so results agree within rounding.
 */

/** Σ a_x b_x over k f64 values. */
function dot(a: usize, b: usize, k: i32): f64 {
  let acc = f64x2.splat(0);
  let x = 0;
  for (; x + 2 <= k; x += 2) {
    const at = (<usize>x) << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + at), v128.load(b + at)));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (x < k) sum += load<f64>(a + ((<usize>x) << 3)) * load<f64>(b + ((<usize>x) << 3));
  return sum;
}

/** Σ h_x w_x, h k f32 values, w k f64 values. */
function dotWide(h: usize, w: usize, k: i32): f64 {
  let acc = f64x2.splat(0);
  let x = 0;
  for (; x + 2 <= k; x += 2) {
    const hx = f64x2.promote_low_f32x4(v128.load64_zero(h + ((<usize>x) << 2)));
    acc = f64x2.add(acc, f64x2.mul(hx, v128.load(w + ((<usize>x) << 3))));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (x < k) sum += <f64>load<f32>(h + ((<usize>x) << 2)) * load<f64>(w + ((<usize>x) << 3));
  return sum;
}

/** out += f·h, h k f32 values, out k f64 values. */
function addScaled(out: usize, f: f64, h: usize, k: i32): void {
  const vf = f64x2.splat(f);
  let x = 0;
  for (; x + 2 <= k; x += 2) {
    const at = out + ((<usize>x) << 3);
    const hx = f64x2.promote_low_f32x4(v128.load64_zero(h + ((<usize>x) << 2)));
    v128.store(at, f64x2.add(v128.load(at), f64x2.mul(vf, hx)));
  }
  if (x < k) {
    const at = out + ((<usize>x) << 3);
    store<f64>(at, load<f64>(at) + f * <f64>load<f32>(h + ((<usize>x) << 2)));
  }
}

/** out = α·G·v + β·v (G k×k f64, row-major). */
function gramTimes(out: usize, gram: usize, v: usize, k: i32, alpha: f64, beta: f64): void {
  const rowBytes = (<usize>k) << 3;
  for (let x = 0; x < k; x++) {
    const at = (<usize>x) << 3;
    store<f64>(out + at, alpha * dot(gram + <usize>x * rowBytes, v, k) + beta * load<f64>(v + at));
  }
}

/** out[0, k) = h[0, k) widened from f32 to f64. */
function widen(out: usize, h: usize, k: i32): void {
  for (let x = 0; x < k; x++)
    store<f64>(out + ((<usize>x) << 3), <f64>load<f32>(h + ((<usize>x) << 2)));
}

/** out[0, len) += f·v[0, len), both f64. */
function addScaledWide(out: usize, f: f64, v: usize, len: i32): void {
  const vf = f64x2.splat(f);
  let y = 0;
  for (; y + 2 <= len; y += 2) {
    const at = (<usize>y) << 3;
    v128.store(out + at, f64x2.add(v128.load(out + at), f64x2.mul(vf, v128.load(v + at))));
  }
  if (y < len) {
    const at = (<usize>y) << 3;
    store<f64>(out + at, load<f64>(out + at) + f * load<f64>(v + at));
  }
}

/**
 * The exact solve of one row into w: A's lower triangle accumulated rating by rating, factored
 * in place (Cholesky–Banachiewicz, as choleskyFactor) and solved forward then backward. Returns
 * false when A is not numerically positive definite.
 */
function choleskyRow(
  cols: usize,
  weights: usize,
  from: i32,
  to: i32,
  fixed: usize,
  gram: usize,
  k: i32,
  alpha0: f64,
  lambda: f64,
  a: usize,
  w: usize,
  h: usize,
): bool {
  const kBytes = (<usize>k) << 3;
  const fixedRow = (<usize>k) << 2;
  const va = f64x2.splat(alpha0);
  let p = 0;
  for (; p + 2 <= k * k; p += 2) {
    const at = (<usize>p) << 3;
    v128.store(a + at, f64x2.mul(va, v128.load(gram + at)));
  }
  if (p < k * k) store<f64>(a + ((<usize>p) << 3), alpha0 * load<f64>(gram + ((<usize>p) << 3)));
  memory.fill(w, 0, kBytes);
  // Four ratings per pass over A (as the reference does): each entry is loaded and stored once
  // per four rank-1 updates.
  const h1 = h + kBytes;
  const h2 = h1 + kBytes;
  const h3 = h2 + kBytes;
  let n = from;
  for (; n + 4 <= to; n += 4) {
    widen(h, fixed + <usize>load<i32>(cols + ((<usize>n) << 2)) * fixedRow, k);
    widen(h1, fixed + <usize>load<i32>(cols + ((<usize>(n + 1)) << 2)) * fixedRow, k);
    widen(h2, fixed + <usize>load<i32>(cols + ((<usize>(n + 2)) << 2)) * fixedRow, k);
    widen(h3, fixed + <usize>load<i32>(cols + ((<usize>(n + 3)) << 2)) * fixedRow, k);
    const c0 = <f64>load<f32>(weights + ((<usize>n) << 2));
    const c1 = <f64>load<f32>(weights + ((<usize>(n + 1)) << 2));
    const c2 = <f64>load<f32>(weights + ((<usize>(n + 2)) << 2));
    const c3 = <f64>load<f32>(weights + ((<usize>(n + 3)) << 2));
    for (let x = 0; x < k; x++) {
      const at = (<usize>x) << 3;
      const u0 = c0 * load<f64>(h + at);
      const u1 = c1 * load<f64>(h1 + at);
      const u2 = c2 * load<f64>(h2 + at);
      const u3 = c3 * load<f64>(h3 + at);
      store<f64>(w + at, load<f64>(w + at) + u0 + u1 + u2 + u3);
      const row = a + <usize>x * kBytes;
      const v0 = f64x2.splat(u0);
      const v1 = f64x2.splat(u1);
      const v2 = f64x2.splat(u2);
      const v3 = f64x2.splat(u3);
      let y = 0;
      for (; y + 2 <= x + 1; y += 2) {
        const b = (<usize>y) << 3;
        let acc = v128.load(row + b);
        acc = f64x2.add(acc, f64x2.mul(v0, v128.load(h + b)));
        acc = f64x2.add(acc, f64x2.mul(v1, v128.load(h1 + b)));
        acc = f64x2.add(acc, f64x2.mul(v2, v128.load(h2 + b)));
        acc = f64x2.add(acc, f64x2.mul(v3, v128.load(h3 + b)));
        v128.store(row + b, acc);
      }
      if (y <= x) {
        const b = (<usize>y) << 3;
        store<f64>(
          row + b,
          load<f64>(row + b) +
            u0 * load<f64>(h + b) +
            u1 * load<f64>(h1 + b) +
            u2 * load<f64>(h2 + b) +
            u3 * load<f64>(h3 + b),
        );
      }
    }
  }
  for (; n < to; n++) {
    widen(h, fixed + <usize>load<i32>(cols + ((<usize>n) << 2)) * fixedRow, k);
    const c = <f64>load<f32>(weights + ((<usize>n) << 2));
    for (let x = 0; x < k; x++) {
      const chx = c * load<f64>(h + ((<usize>x) << 3));
      store<f64>(w + ((<usize>x) << 3), load<f64>(w + ((<usize>x) << 3)) + chx);
      addScaledWide(a + <usize>x * kBytes, chx, h, x + 1);
    }
  }
  for (let x = 0; x < k; x++) {
    const at = a + <usize>x * kBytes + ((<usize>x) << 3);
    store<f64>(at, load<f64>(at) + lambda);
  }
  for (let i = 0; i < k; i++) {
    const rowI = a + <usize>i * kBytes;
    for (let j = 0; j <= i; j++) {
      const rowJ = a + <usize>j * kBytes;
      const sum = load<f64>(rowI + ((<usize>j) << 3)) - dot(rowI, rowJ, j);
      if (i == j) {
        if (!(sum > 0)) return false;
        store<f64>(rowI + ((<usize>i) << 3), Math.sqrt(sum));
      } else {
        store<f64>(rowI + ((<usize>j) << 3), sum / load<f64>(rowJ + ((<usize>j) << 3)));
      }
    }
  }
  for (let i = 0; i < k; i++) {
    const rowI = a + <usize>i * kBytes;
    const at = w + ((<usize>i) << 3);
    store<f64>(at, (load<f64>(at) - dot(rowI, w, i)) / load<f64>(rowI + ((<usize>i) << 3)));
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = load<f64>(w + ((<usize>i) << 3));
    for (let p = i + 1; p < k; p++) {
      sum -=
        load<f64>(a + <usize>p * kBytes + ((<usize>i) << 3)) * load<f64>(w + ((<usize>p) << 3));
    }
    store<f64>(w + ((<usize>i) << 3), sum / load<f64>(a + <usize>i * kBytes + ((<usize>i) << 3)));
  }
  return true;
}

/**
 * Rows [0, rows) of a CSR slice: `indptr` rows + 1 i32 offsets into `cols` (i32) and `weights`
 * (f32); `fixed` the other side's factors (f32, n × k); `gram` its Gramian (f64, k × k);
 * `target` rows × k f32, read as the CG start and overwritten; `scratch` (k² + 8k) f64; `loss`
 * 2 f64 (data + α0·quadratic, penalty) accumulated. `exact` solves by Cholesky, else by CG.
 * Returns 0, or 1 + the first row whose system is not positive definite (nothing accumulated).
 */
export function ialsRows(
  indptr: usize,
  cols: usize,
  weights: usize,
  rows: i32,
  fixed: usize,
  gram: usize,
  k: i32,
  alpha0: f64,
  regularization: f64,
  frequencyExponent: f64,
  otherRows: i32,
  exact: bool,
  steps: i32,
  target: usize,
  scratch: usize,
  loss: usize,
): i32 {
  const kBytes = (<usize>k) << 3;
  const w = scratch;
  const r = w + kBytes;
  const d = r + kBytes;
  const q = d + kBytes;
  const h = q + kBytes;
  const a = h + 4 * kBytes;
  const fixedRow = (<usize>k) << 2;
  let data = 0.0;
  let penalty = 0.0;
  for (let row = 0; row < rows; row++) {
    const from = load<i32>(indptr + ((<usize>row) << 2));
    const to = load<i32>(indptr + ((<usize>(row + 1)) << 2));
    const out = target + <usize>row * fixedRow;
    if (to == from) {
      memory.fill(out, 0, fixedRow);
      continue;
    }
    const lambda =
      regularization * Math.pow(<f64>(to - from) + alpha0 * <f64>otherRows, frequencyExponent);
    if (exact) {
      if (!choleskyRow(cols, weights, from, to, fixed, gram, k, alpha0, lambda, a, w, h))
        return row + 1;
    } else {
      conjugateGradient(
        cols,
        weights,
        from,
        to,
        fixed,
        gram,
        k,
        alpha0,
        lambda,
        steps,
        out,
        w,
        r,
        d,
        q,
      );
    }
    // The row's objective: Σ c (y − 1)² + α0·wᵀGw, and λ_r‖w‖².
    for (let p = from; p < to; p++) {
      const fixedAt = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      const y = dotWide(fixedAt, w, k);
      data += <f64>load<f32>(weights + ((<usize>p) << 2)) * (y - 1) * (y - 1);
    }
    gramTimes(q, gram, w, k, 1, 0);
    data += alpha0 * dot(w, q, k);
    penalty += lambda * dot(w, w, k);
    for (let x = 0; x < k; x++) {
      store<f32>(out + ((<usize>x) << 2), <f32>load<f64>(w + ((<usize>x) << 3)));
    }
  }
  store<f64>(loss, load<f64>(loss) + data);
  store<f64>(loss, load<f64>(loss, 8) + penalty, 8);
  return 0;
}

/** `steps` CG steps from the row's current value `start` (f32) into w; r, d, q scratch. */
function conjugateGradient(
  cols: usize,
  weights: usize,
  from: i32,
  to: i32,
  fixed: usize,
  gram: usize,
  k: i32,
  alpha0: f64,
  lambda: f64,
  steps: i32,
  start: usize,
  w: usize,
  r: usize,
  d: usize,
  q: usize,
): void {
  const kBytes = (<usize>k) << 3;
  const fixedRow = (<usize>k) << 2;
  for (let x = 0; x < k; x++) {
    store<f64>(w + ((<usize>x) << 3), <f64>load<f32>(start + ((<usize>x) << 2)));
  }
  // r = Σ c_i (1 − h_i·w) h_i − α0·G·w − λ·w
  gramTimes(r, gram, w, k, -alpha0, -lambda);
  for (let p = from; p < to; p++) {
    const h = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
    addScaled(r, <f64>load<f32>(weights + ((<usize>p) << 2)) * (1 - dotWide(h, w, k)), h, k);
  }
  memory.copy(d, r, kBytes);
  let rr = dot(r, r, k);
  for (let step = 0; step < steps && rr > 1e-20; step++) {
    gramTimes(q, gram, d, k, alpha0, lambda);
    for (let p = from; p < to; p++) {
      const h = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      addScaled(q, <f64>load<f32>(weights + ((<usize>p) << 2)) * dotWide(h, d, k), h, k);
    }
    const alpha = rr / dot(d, q, k);
    const va = f64x2.splat(alpha);
    let x = 0;
    for (; x + 2 <= k; x += 2) {
      const at = (<usize>x) << 3;
      v128.store(w + at, f64x2.add(v128.load(w + at), f64x2.mul(va, v128.load(d + at))));
      v128.store(r + at, f64x2.sub(v128.load(r + at), f64x2.mul(va, v128.load(q + at))));
    }
    if (x < k) {
      const at = (<usize>x) << 3;
      store<f64>(w + at, load<f64>(w + at) + alpha * load<f64>(d + at));
      store<f64>(r + at, load<f64>(r + at) - alpha * load<f64>(q + at));
    }
    const next = dot(r, r, k);
    const beta = next / rr;
    for (x = 0; x < k; x++) {
      const at = (<usize>x) << 3;
      store<f64>(d + at, load<f64>(r + at) + beta * load<f64>(d + at));
    }
    rr = next;
  }
}
