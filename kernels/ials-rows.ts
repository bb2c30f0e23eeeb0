/**
 * iALS row solves, the same steps as solveRow, conjugateGradientRow and the Cholesky routines of
 * lambdas/core/models/ials.ts and lambdas/core/linalg/cholesky.ts (which cite the method; the
 * TypeScript reference): for each row, A·w = Σ c_i h_i with A = α0·G + Σ c_i h_i h_iᵀ + λ_r I,
 * λ_r = λ·(nnz + α0·n)^ν, solved exactly (A's lower triangle accumulated, then L·Lᵀ) or by
 * `steps` CG steps from the row's current value; then the row's objective terms. The Cholesky
 * path and the CG's k-length recurrences run in f64 (f64x2); the CG's per-rating terms and the
 * objective's predictions in f32x4 (see ratingTerms); sums run in a different order from the
 * reference's, so results agree within rounding.
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
        h,
        h + kBytes,
      );
    }
    narrow(out, w, k);
    // The row's objective: Σ c (y − 1)² + α0·wᵀGw, and λ_r‖w‖², y from the stored f32 row.
    for (let p = from; p < to; p++) {
      const fixedAt = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      const y = <f64>dotF(fixedAt, out, k);
      data += <f64>load<f32>(weights + ((<usize>p) << 2)) * (y - 1) * (y - 1);
    }
    gramTimes(q, gram, w, k, 1, 0);
    data += alpha0 * dot(w, q, k);
    penalty += lambda * dot(w, w, k);
  }
  store<f64>(loss, load<f64>(loss) + data);
  store<f64>(loss, load<f64>(loss, 8) + penalty, 8);
  return 0;
}

/** Ratings per f32 partial sum of the CG's per-rating terms before it is added into f64. */
const FLUSH: i32 = 32;

/** The sum of an f32x4's lanes. */
function lanes(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** Σ h_x v_x over k f32 values, in f32x4. */
function dotF(h: usize, v: usize, k: i32): f32 {
  let acc = f32x4.splat(0);
  let x = 0;
  for (; x + 4 <= k; x += 4) {
    const at = (<usize>x) << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(h + at), v128.load(v + at)));
  }
  let sum = lanes(acc);
  for (; x < k; x++) sum += load<f32>(h + ((<usize>x) << 2)) * load<f32>(v + ((<usize>x) << 2));
  return sum;
}

/** acc += f0·h0 + f1·h1, k f32 values each, in f32x4: one pass over acc for two ratings. */
function addScaled2F(acc: usize, f0: f32, h0: usize, f1: f32, h1: usize, k: i32): void {
  const v0 = f32x4.splat(f0);
  const v1 = f32x4.splat(f1);
  let x = 0;
  for (; x + 4 <= k; x += 4) {
    const at = (<usize>x) << 2;
    const sum = f32x4.add(f32x4.mul(v0, v128.load(h0 + at)), f32x4.mul(v1, v128.load(h1 + at)));
    v128.store(acc + at, f32x4.add(v128.load(acc + at), sum));
  }
  for (; x < k; x++) {
    const at = (<usize>x) << 2;
    store<f32>(acc + at, load<f32>(acc + at) + (f0 * load<f32>(h0 + at) + f1 * load<f32>(h1 + at)));
  }
}

/** out (f64) += acc (f32), k values, and acc = 0. */
function flushF(out: usize, acc: usize, k: i32): void {
  for (let x = 0; x < k; x++) {
    const at = (<usize>x) << 3;
    store<f64>(out + at, load<f64>(out + at) + <f64>load<f32>(acc + ((<usize>x) << 2)));
  }
  memory.fill(acc, 0, (<usize>k) << 2);
}

/** vF[0, k) = v[0, k) narrowed from f64 to f32. */
function narrow(vF: usize, v: usize, k: i32): void {
  for (let x = 0; x < k; x++)
    store<f32>(vF + ((<usize>x) << 2), <f32>load<f64>(v + ((<usize>x) << 3)));
}

/**
 * out += Σ_{p ∈ [from, to)} c_p·(base + sign·h_p·vF)·h_p (base 1, sign −1: the residual's data
 * terms; base 0, sign 1: those of A·d). The per-rating work (k multiply-adds twice) is the CG's
 * hot loop, so it runs in f32x4, four ratings per pass over the partial sum (then two, then one);
 * the partial sums go into the f64 `out` every FLUSH ratings, so no f32 sum has more than FLUSH
 * terms.
 */
function ratingTerms(
  out: usize,
  acc: usize,
  cols: usize,
  weights: usize,
  from: i32,
  to: i32,
  fixed: usize,
  vF: usize,
  k: i32,
  base: f32,
  sign: f32,
): void {
  const fixedRow = (<usize>k) << 2;
  memory.fill(acc, 0, fixedRow);
  let p = from;
  while (p < to) {
    const end = min(to, p + FLUSH);
    for (; p + 4 <= end; p += 4) {
      const h0 = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      const h1 = fixed + <usize>load<i32>(cols + ((<usize>(p + 1)) << 2)) * fixedRow;
      const h2 = fixed + <usize>load<i32>(cols + ((<usize>(p + 2)) << 2)) * fixedRow;
      const h3 = fixed + <usize>load<i32>(cols + ((<usize>(p + 3)) << 2)) * fixedRow;
      // Four ratings' dot products in one loop: four independent sums in flight.
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let x = 0;
      for (; x + 4 <= k; x += 4) {
        const at = (<usize>x) << 2;
        const v = v128.load(vF + at);
        s0 = f32x4.add(s0, f32x4.mul(v128.load(h0 + at), v));
        s1 = f32x4.add(s1, f32x4.mul(v128.load(h1 + at), v));
        s2 = f32x4.add(s2, f32x4.mul(v128.load(h2 + at), v));
        s3 = f32x4.add(s3, f32x4.mul(v128.load(h3 + at), v));
      }
      let y0 = lanes(s0);
      let y1 = lanes(s1);
      let y2 = lanes(s2);
      let y3 = lanes(s3);
      for (; x < k; x++) {
        const at = (<usize>x) << 2;
        const v = load<f32>(vF + at);
        y0 += load<f32>(h0 + at) * v;
        y1 += load<f32>(h1 + at) * v;
        y2 += load<f32>(h2 + at) * v;
        y3 += load<f32>(h3 + at) * v;
      }
      const c = weights + ((<usize>p) << 2);
      const v0 = f32x4.splat(load<f32>(c) * (base + sign * y0));
      const v1 = f32x4.splat(load<f32>(c, 4) * (base + sign * y1));
      const v2 = f32x4.splat(load<f32>(c, 8) * (base + sign * y2));
      const v3 = f32x4.splat(load<f32>(c, 12) * (base + sign * y3));
      for (x = 0; x + 4 <= k; x += 4) {
        const at = (<usize>x) << 2;
        const sum = f32x4.add(
          f32x4.add(f32x4.mul(v0, v128.load(h0 + at)), f32x4.mul(v1, v128.load(h1 + at))),
          f32x4.add(f32x4.mul(v2, v128.load(h2 + at)), f32x4.mul(v3, v128.load(h3 + at))),
        );
        v128.store(acc + at, f32x4.add(v128.load(acc + at), sum));
      }
      for (; x < k; x++) {
        const at = (<usize>x) << 2;
        store<f32>(
          acc + at,
          load<f32>(acc + at) +
            (f32x4.extract_lane(v0, 0) * load<f32>(h0 + at) +
              f32x4.extract_lane(v1, 0) * load<f32>(h1 + at) +
              (f32x4.extract_lane(v2, 0) * load<f32>(h2 + at) +
                f32x4.extract_lane(v3, 0) * load<f32>(h3 + at))),
        );
      }
    }
    for (; p + 2 <= end; p += 2) {
      const h0 = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      const h1 = fixed + <usize>load<i32>(cols + ((<usize>(p + 1)) << 2)) * fixedRow;
      // Both ratings' dot products in one loop: two independent sums in flight.
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let x = 0;
      for (; x + 4 <= k; x += 4) {
        const at = (<usize>x) << 2;
        const v = v128.load(vF + at);
        s0 = f32x4.add(s0, f32x4.mul(v128.load(h0 + at), v));
        s1 = f32x4.add(s1, f32x4.mul(v128.load(h1 + at), v));
      }
      let y0 = lanes(s0);
      let y1 = lanes(s1);
      for (; x < k; x++) {
        const at = (<usize>x) << 2;
        const v = load<f32>(vF + at);
        y0 += load<f32>(h0 + at) * v;
        y1 += load<f32>(h1 + at) * v;
      }
      const f0 = load<f32>(weights + ((<usize>p) << 2)) * (base + sign * y0);
      const f1 = load<f32>(weights + ((<usize>(p + 1)) << 2)) * (base + sign * y1);
      addScaled2F(acc, f0, h0, f1, h1, k);
    }
    if (p < end) {
      const h0 = fixed + <usize>load<i32>(cols + ((<usize>p) << 2)) * fixedRow;
      const f0 = load<f32>(weights + ((<usize>p) << 2)) * (base + sign * dotF(h0, vF, k));
      addScaled2F(acc, f0, h0, 0, h0, k);
      p++;
    }
    flushF(out, acc, k);
  }
}

/**
 * `steps` CG steps from the row's current value `start` (f32) into w; r, d, q scratch (f64) and
 * vF, acc (k f32 each). The k-length recurrences and G·v run in f64; the per-rating terms in f32
 * (see ratingTerms), the factors' own precision.
 */
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
  vF: usize,
  acc: usize,
): void {
  const kBytes = (<usize>k) << 3;
  for (let x = 0; x < k; x++) {
    store<f64>(w + ((<usize>x) << 3), <f64>load<f32>(start + ((<usize>x) << 2)));
  }
  // r = Σ c_i (1 − h_i·w) h_i − α0·G·w − λ·w
  gramTimes(r, gram, w, k, -alpha0, -lambda);
  memory.copy(vF, start, (<usize>k) << 2);
  ratingTerms(r, acc, cols, weights, from, to, fixed, vF, k, 1, -1);
  memory.copy(d, r, kBytes);
  let rr = dot(r, r, k);
  for (let step = 0; step < steps && rr > 1e-20; step++) {
    // q = A·d = α0·G·d + λ·d + Σ c_i (h_i·d) h_i
    gramTimes(q, gram, d, k, alpha0, lambda);
    narrow(vF, d, k);
    ratingTerms(q, acc, cols, weights, from, to, fixed, vF, k, 0, 1);
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
