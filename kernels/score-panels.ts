/**
 * Dense scores of a block of users against every item, for top-k scoring of a factor model:
 * out[b][i] = p_b · q_i + bias_i.
 *
 * The items are packed in panels of 8 (for each latent dimension d, the 8 items' q_{i,d} side by
 * side) so that one f32x4 multiply-add serves four items: each user value p_{b,d} is splatted,
 * with no horizontal sums and no tail loop whatever the dimension. A 4 users × 8 items register
 * tile (8 accumulators) reuses every load 2–4 times, and all the users' quads are scored against
 * one panel before the next, so the panel is read from memory once per block, not once per quad.
 * Each dot product is summed over d in order, in f32.
 */

/** Items per panel: two f32x4 vectors. */
const PANEL = 8;

/**
 * `users` holds `quads` × 4 rows of `dim` f32; `panels` holds `panelCount` panels of dim × 8 f32;
 * `bias` panelCount × 8 f32 (zeros for none); `out` quads × 4 rows of `stride` f32, stride ≥
 * panelCount × 8. Every address is 16-byte aligned.
 */
export function scorePanels(
  users: usize,
  quads: i32,
  dim: i32,
  panels: usize,
  panelCount: i32,
  bias: usize,
  out: usize,
  stride: i32,
): void {
  const rowBytes = (<usize>dim) << 2;
  const quadBytes = rowBytes << 2;
  const panelBytes = rowBytes * PANEL;
  const outRowBytes = (<usize>stride) << 2;
  for (let p = 0; p < panelCount; p++) {
    const panel = panels + <usize>p * panelBytes;
    const column = (<usize>p) << 5;
    const biasLo = v128.load(bias + column);
    const biasHi = v128.load(bias + column, 16);
    for (let quad = 0; quad < quads; quad++) {
      const u0 = users + <usize>quad * quadBytes;
      const u1 = u0 + rowBytes;
      const u2 = u1 + rowBytes;
      const u3 = u2 + rowBytes;
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      let b0 = f32x4.splat(0);
      let b1 = f32x4.splat(0);
      let b2 = f32x4.splat(0);
      let b3 = f32x4.splat(0);
      for (let d: usize = 0; d < rowBytes; d += 4) {
        const q = panel + (d << 3);
        const lo = v128.load(q);
        const hi = v128.load(q, 16);
        const x0 = v128.load32_splat(u0 + d);
        const x1 = v128.load32_splat(u1 + d);
        const x2 = v128.load32_splat(u2 + d);
        const x3 = v128.load32_splat(u3 + d);
        a0 = f32x4.add(a0, f32x4.mul(x0, lo));
        b0 = f32x4.add(b0, f32x4.mul(x0, hi));
        a1 = f32x4.add(a1, f32x4.mul(x1, lo));
        b1 = f32x4.add(b1, f32x4.mul(x1, hi));
        a2 = f32x4.add(a2, f32x4.mul(x2, lo));
        b2 = f32x4.add(b2, f32x4.mul(x2, hi));
        a3 = f32x4.add(a3, f32x4.mul(x3, lo));
        b3 = f32x4.add(b3, f32x4.mul(x3, hi));
      }
      const o0 = out + <usize>(quad << 2) * outRowBytes + column;
      const o1 = o0 + outRowBytes;
      const o2 = o1 + outRowBytes;
      const o3 = o2 + outRowBytes;
      v128.store(o0, f32x4.add(a0, biasLo));
      v128.store(o0, f32x4.add(b0, biasHi), 16);
      v128.store(o1, f32x4.add(a1, biasLo));
      v128.store(o1, f32x4.add(b1, biasHi), 16);
      v128.store(o2, f32x4.add(a2, biasLo));
      v128.store(o2, f32x4.add(b2, biasHi), 16);
      v128.store(o3, f32x4.add(a3, biasLo));
      v128.store(o3, f32x4.add(b3, biasHi), 16);
    }
  }
}
