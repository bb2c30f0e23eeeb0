/**
 * In-place inverse of a dense symmetric positive-definite matrix (row-major Float64Array n×n),
 * used by EASE for P = (XᵀX + λI)⁻¹. Reads use `!`: indices are in range by construction.
 */
import { instantiateKernels, layOut, type WasmKernels } from '../kernels/wasm-kernels.ts';

/** Which implementation runs the O(n³) trailing updates: the WebAssembly kernel or TypeScript. */
export type SpdInverseKernel = 'wasm' | 'typescript';

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
 *
 * The trailing updates, all but O(n²·BLOCK) of the work, run on the WebAssembly kernel
 * (kernels/sweep-update.ts, the same sums in the same order: the same result bit for bit) unless
 * `kernel` asks for the TypeScript loop; the kernel works on a copy of `a` in its own memory.
 */
export function invertSpdInPlace(
  a: Float64Array,
  n: number,
  kernel: SpdInverseKernel = 'wasm',
): void {
  if (kernel === 'wasm') {
    const kernels = instantiateKernels();
    const [at, wAt, cTAt] = layOut(kernels, [n * n * 8, n * BLOCK * 8, n * BLOCK * 8]) as [
      number,
      number,
      number,
    ];
    const copy = new Float64Array(kernels.memory.buffer, at, n * n);
    copy.set(a);
    sweepAll(copy, n, { kernels, at, wAt, cTAt });
    a.set(copy);
  } else {
    sweepAll(a, n, null);
  }
}

/** Where the kernel finds `a`, W and Cᵀ in its memory. */
interface KernelArrays {
  kernels: WasmKernels;
  at: number;
  wAt: number;
  cTAt: number;
}

/** The block sweeps of invertSpdInPlace over `a`, which lives at `wasm.at` when a kernel runs. */
function sweepAll(a: Float64Array, n: number, wasm: KernelArrays | null): void {
  const c = new Float64Array(n * BLOCK); // column block K of the current matrix, row j at j·b
  const w =
    wasm === null
      ? new Float64Array(n * BLOCK) // A_IK·A_KK⁻¹
      : new Float64Array(wasm.kernels.memory.buffer, wasm.wAt, n * BLOCK);
  const cT =
    wasm === null ? null : new Float64Array(wasm.kernels.memory.buffer, wasm.cTAt, n * BLOCK);
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
    if (wasm !== null && cT !== null) {
      for (let j = 0; j < n; j++) for (let t = 0; t < b; t++) cT[t * n + j] = c[j * b + t]!;
      wasm.kernels.sweepUpdate(wasm.at, n, wasm.wAt, wasm.cTAt, b, k0, k1);
    } else {
      updateTrailing(a, n, w, c, b, k0, k1);
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

/**
 * The TypeScript reference of the trailing update: A_ij −= W_i·C_j over the upper triangle
 * outside the block [k0, k1) (kernels/sweep-update.ts is the kernel).
 */
function updateTrailing(
  a: Float64Array,
  n: number,
  w: Float64Array,
  c: Float64Array,
  b: number,
  k0: number,
  k1: number,
): void {
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
