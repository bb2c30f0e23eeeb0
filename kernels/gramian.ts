/**
 * The Gramian of iALS (lambdas/core/models/ials.ts, `gramian`, is the TypeScript reference):
 * out += Σ_r f_r f_rᵀ over rows [from, to) of the f32 factors, in f64, then the upper triangle
 * copied from the lower. Each row is widened to f64 once, then the lower triangle (each row of it
 * rounded up to an even length: the extra entry lies above the diagonal and is overwritten) is
 * updated two entries per f64x2 op, two factor rows per pass over `out`. Every entry still adds
 * its products one row at a time in row order, so the result is bit for bit the reference's.
 * With an odd k the even-length rows reach one f64 past each factor row and past the matrix:
 * `out` holds k·k + 1 f64s and `scratch` 2k + 2.
 */

/** Widens the k f32s at `row` into the f64s at `to`. */
function widen(row: usize, k: i32, to: usize): void {
  for (let d = 0; d < k; d++) {
    store<f64>(to + ((<usize>d) << 3), <f64>load<f32>(row + ((<usize>d) << 2)));
  }
}

export function gramian(
  factors: usize,
  k: i32,
  from: i32,
  to: i32,
  out: usize,
  scratch: usize,
): void {
  const rowBytes = (<usize>k) << 2;
  const x = scratch;
  const y = scratch + ((<usize>k) << 3);
  let r = from;
  for (; r + 2 <= to; r += 2) {
    widen(factors + <usize>r * rowBytes, k, x);
    widen(factors + <usize>(r + 1) * rowBytes, k, y);
    for (let a = 0; a < k; a++) {
      const xa = v128.load64_splat(x + ((<usize>a) << 3));
      const ya = v128.load64_splat(y + ((<usize>a) << 3));
      const row = out + ((<usize>(a * k)) << 3);
      for (let b = 0; b <= a; b += 2) {
        const at = row + ((<usize>b) << 3);
        const off = (<usize>b) << 3;
        let acc = v128.load(at);
        acc = f64x2.add(acc, f64x2.mul(xa, v128.load(x + off)));
        acc = f64x2.add(acc, f64x2.mul(ya, v128.load(y + off)));
        v128.store(at, acc);
      }
    }
  }
  for (; r < to; r++) {
    widen(factors + <usize>r * rowBytes, k, x);
    for (let a = 0; a < k; a++) {
      const xa = v128.load64_splat(x + ((<usize>a) << 3));
      const row = out + ((<usize>(a * k)) << 3);
      for (let b = 0; b <= a; b += 2) {
        const at = row + ((<usize>b) << 3);
        v128.store(at, f64x2.add(v128.load(at), f64x2.mul(xa, v128.load(x + ((<usize>b) << 3)))));
      }
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      store<f64>(out + ((<usize>(a * k + b)) << 3), load<f64>(out + ((<usize>(b * k + a)) << 3)));
    }
  }
}
