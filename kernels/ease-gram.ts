/**
 * EASE's Gram matrix XᵀX over the modelled item columns (lambdas/core/models/ease.ts,
 * `easeGram`, is the TypeScript reference): for every row of X (a user, CSR with ascending
 * columns), every pair a ≤ b of its entries adds w_a·w_b to gram[c_a][c_b], the upper triangle.
 * A scatter over pairs, so no SIMD: the kernel gains by plain loads and stores with no bounds
 * checks. The same products added in the same order: bit for bit the reference's result.
 */
export function easeGram(
  indptr: usize,
  cols: usize,
  weights: usize,
  rows: i32,
  n: i32,
  gram: usize,
): void {
  const rowBytes = (<usize>n) << 3;
  for (let r = 0; r < rows; r++) {
    const from = load<i32>(indptr + ((<usize>r) << 2));
    const to = load<i32>(indptr + ((<usize>(r + 1)) << 2));
    for (let a = from; a < to; a++) {
      const row = gram + <usize>load<i32>(cols + ((<usize>a) << 2)) * rowBytes;
      const wa = <f64>load<f32>(weights + ((<usize>a) << 2));
      for (let b = a; b < to; b++) {
        const at = row + ((<usize>load<i32>(cols + ((<usize>b) << 2))) << 3);
        store<f64>(at, load<f64>(at) + wa * <f64>load<f32>(weights + ((<usize>b) << 2)));
      }
    }
  }
}
