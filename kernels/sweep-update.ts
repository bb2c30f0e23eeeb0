/**
 * The trailing update of one block sweep of invertSpdInPlace (lambdas/core/linalg/spd-inverse.ts
 * has the method and the TypeScript reference): A_ij ← A_ij − Σ_t W_it·C_jt over the upper
 * triangle, rows and columns outside the block [k0, k1). Eight columns at a time in four f64x2
 * accumulators, each summed over t in order like the reference, so the result is bit for bit
 * the same.
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

/**
 * `a` n × n f64 (row-major), `w` n × b f64 (row i: W_i), `cT` b × n f64 (the block's columns,
 * transposed). Rows in [k0, k1) are skipped; row i updates columns [i, k0) and [k1, n) when
 * i < k0, else [i, n).
 */
export function sweepUpdate(a: usize, n: i32, w: usize, cT: usize, b: i32, k0: i32, k1: i32): void {
  for (let i = 0; i < n; i++) {
    if (i >= k0 && i < k1) continue;
    const row = a + <usize>i * ((<usize>n) << 3);
    const wi = w + <usize>i * ((<usize>b) << 3);
    if (i < k0) {
      updateRow(row, wi, cT, n, b, i, k0);
      updateRow(row, wi, cT, n, b, k1, n);
    } else {
      updateRow(row, wi, cT, n, b, i, n);
    }
  }
}
