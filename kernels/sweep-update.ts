/**
 * The trailing update of one block sweep of invertSpdInPlace (lambdas/core/linalg/spd-inverse.ts
 * has the method and the TypeScript reference): A_ij ← A_ij − Σ_t W_it·C_jt over the upper
 * triangle, rows and columns outside the block [k0, k1). Two rows × eight columns at a time in
 * eight f64x2 accumulators (each Cᵀ load serves both rows), each entry summed over t in order
 * like the reference, so the result is bit for bit the same.
 */

/** a[i][j] −= Σ_t w[t]·cT[t][j] for j in [from, to); `a` row i, `w` row i of W, cT b × n. */
function updateRow(row: usize, w: usize, cT: usize, n: i32, b: i32, from: i32, to: i32): void {
  const stride = (<usize>n) << 3;
  let j = from;
  for (; j + 8 <= to; j += 8) {
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let acc2 = f64x2.splat(0);
    let acc3 = f64x2.splat(0);
    let c = cT + ((<usize>j) << 3);
    for (let t = 0; t < b; t++) {
      const wt = v128.load64_splat(w + ((<usize>t) << 3));
      acc0 = f64x2.add(acc0, f64x2.mul(wt, v128.load(c)));
      acc1 = f64x2.add(acc1, f64x2.mul(wt, v128.load(c, 16)));
      acc2 = f64x2.add(acc2, f64x2.mul(wt, v128.load(c, 32)));
      acc3 = f64x2.add(acc3, f64x2.mul(wt, v128.load(c, 48)));
      c += stride;
    }
    const at = row + ((<usize>j) << 3);
    v128.store(at, f64x2.sub(v128.load(at), acc0));
    v128.store(at, f64x2.sub(v128.load(at, 16), acc1), 16);
    v128.store(at, f64x2.sub(v128.load(at, 32), acc2), 32);
    v128.store(at, f64x2.sub(v128.load(at, 48), acc3), 48);
  }
  for (; j < to; j++) {
    let sum = 0.0;
    let c = cT + ((<usize>j) << 3);
    for (let t = 0; t < b; t++) {
      sum += load<f64>(w + ((<usize>t) << 3)) * load<f64>(c);
      c += stride;
    }
    const at = row + ((<usize>j) << 3);
    store<f64>(at, load<f64>(at) - sum);
  }
}

/** updateRow for two rows (`row0`, `row1`, with `w0`, `w1`) over the same columns [from, to). */
function updateRows2(
  row0: usize,
  row1: usize,
  w0: usize,
  w1: usize,
  cT: usize,
  n: i32,
  b: i32,
  from: i32,
  to: i32,
): void {
  const stride = (<usize>n) << 3;
  let j = from;
  for (; j + 8 <= to; j += 8) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let b0 = f64x2.splat(0);
    let b1 = f64x2.splat(0);
    let b2 = f64x2.splat(0);
    let b3 = f64x2.splat(0);
    let c = cT + ((<usize>j) << 3);
    for (let t = 0; t < b; t++) {
      const x = v128.load64_splat(w0 + ((<usize>t) << 3));
      const y = v128.load64_splat(w1 + ((<usize>t) << 3));
      const c0 = v128.load(c);
      const c1 = v128.load(c, 16);
      const c2 = v128.load(c, 32);
      const c3 = v128.load(c, 48);
      a0 = f64x2.add(a0, f64x2.mul(x, c0));
      a1 = f64x2.add(a1, f64x2.mul(x, c1));
      a2 = f64x2.add(a2, f64x2.mul(x, c2));
      a3 = f64x2.add(a3, f64x2.mul(x, c3));
      b0 = f64x2.add(b0, f64x2.mul(y, c0));
      b1 = f64x2.add(b1, f64x2.mul(y, c1));
      b2 = f64x2.add(b2, f64x2.mul(y, c2));
      b3 = f64x2.add(b3, f64x2.mul(y, c3));
      c += stride;
    }
    const at0 = row0 + ((<usize>j) << 3);
    v128.store(at0, f64x2.sub(v128.load(at0), a0));
    v128.store(at0, f64x2.sub(v128.load(at0, 16), a1), 16);
    v128.store(at0, f64x2.sub(v128.load(at0, 32), a2), 32);
    v128.store(at0, f64x2.sub(v128.load(at0, 48), a3), 48);
    const at1 = row1 + ((<usize>j) << 3);
    v128.store(at1, f64x2.sub(v128.load(at1), b0));
    v128.store(at1, f64x2.sub(v128.load(at1, 16), b1), 16);
    v128.store(at1, f64x2.sub(v128.load(at1, 32), b2), 32);
    v128.store(at1, f64x2.sub(v128.load(at1, 48), b3), 48);
  }
  if (j < to) {
    updateRow(row0, w0, cT, n, b, j, to);
    updateRow(row1, w1, cT, n, b, j, to);
  }
}

/** True when row i takes part in the sweep's update (it is outside the block). */
function outside(i: i32, k0: i32, k1: i32): bool {
  return i < k0 || i >= k1;
}

/**
 * `a` n × n f64 (row-major), `w` n × b f64 (row i: W_i), `cT` b × n f64 (the block's columns,
 * transposed). Rows in [k0, k1) are skipped; row i updates columns [i, k0) and [k1, n) when
 * i < k0, else [i, n). Rows go in pairs whose column ranges match past the first row's diagonal.
 */
export function sweepUpdate(a: usize, n: i32, w: usize, cT: usize, b: i32, k0: i32, k1: i32): void {
  const rowBytes = (<usize>n) << 3;
  const wBytes = (<usize>b) << 3;
  let i = 0;
  while (i < n) {
    if (!outside(i, k0, k1)) {
      i = k1;
      continue;
    }
    const row = a + <usize>i * rowBytes;
    const wi = w + <usize>i * wBytes;
    const paired = i + 1 < n && outside(i + 1, k0, k1) && i < k0 == i + 1 < k0;
    if (!paired) {
      if (i < k0) {
        updateRow(row, wi, cT, n, b, i, k0);
        updateRow(row, wi, cT, n, b, k1, n);
      } else {
        updateRow(row, wi, cT, n, b, i, n);
      }
      i++;
      continue;
    }
    // Row i's diagonal entry alone, then both rows over the same columns.
    updateRow(row, wi, cT, n, b, i, i + 1);
    const next = row + rowBytes;
    const wNext = wi + wBytes;
    if (i < k0) {
      updateRows2(row, next, wi, wNext, cT, n, b, i + 1, k0);
      updateRows2(row, next, wi, wNext, cT, n, b, k1, n);
    } else {
      updateRows2(row, next, wi, wNext, cT, n, b, i + 1, n);
    }
    i += 2;
  }
}
