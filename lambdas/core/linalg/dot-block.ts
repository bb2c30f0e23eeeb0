/**
 * Dot products of four rows of `A` (starting at element offsets a0..a3; repeat an offset when
 * fewer rows are wanted) with rows [from, to) of `B`, all of length `dim`: the product with row j
 * goes to out[o0 + j] … out[o3 + j].
 *
 * A 4 × 2 register tile: every value loaded feeds two or four multiply-adds, about 2–4× the
 * throughput of one dot product at a time in V8, which has no SIMD. Typed-array reads use `!`.
 */
export function dotBlock4(
  A: Float32Array,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  B: Float32Array,
  from: number,
  to: number,
  dim: number,
  out: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
): void {
  let j = from;
  for (; j + 1 < to; j += 2) {
    const x = j * dim;
    const y = x + dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0; // prettier-ignore
    for (let d = 0; d < dim; d++) {
      const u = B[x + d]!;
      const v = B[y + d]!;
      const p = A[a0 + d]!;
      const q = A[a1 + d]!;
      const r = A[a2 + d]!;
      const s = A[a3 + d]!;
      s0 += p * u;
      s1 += q * u;
      s2 += r * u;
      s3 += s * u;
      t0 += p * v;
      t1 += q * v;
      t2 += r * v;
      t3 += s * v;
    }
    out[o0 + j] = s0;
    out[o1 + j] = s1;
    out[o2 + j] = s2;
    out[o3 + j] = s3;
    out[o0 + j + 1] = t0;
    out[o1 + j + 1] = t1;
    out[o2 + j + 1] = t2;
    out[o3 + j + 1] = t3;
  }
  if (j < to) {
    const x = j * dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
    for (let d = 0; d < dim; d++) {
      const u = B[x + d]!;
      s0 += A[a0 + d]! * u;
      s1 += A[a1 + d]! * u;
      s2 += A[a2 + d]! * u;
      s3 += A[a3 + d]! * u;
    }
    out[o0 + j] = s0;
    out[o1 + j] = s1;
    out[o2 + j] = s2;
    out[o3 + j] = s3;
  }
}
