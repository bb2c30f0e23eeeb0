import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';

/** Adds the Gramian of factor rows [from, to) into `out` and symmetrises it, as `gramian` does. */
export type GramianKernel = (
  factors: Float32Array,
  k: number,
  from: number,
  to: number,
  out: Float64Array,
) => Float64Array;

/**
 * `gramian` on the WebAssembly kernel (kernels/gramian.ts), one instance per thread: each call
 * copies the rows (O(n·k) against the O(n·k²) of the sums) and `out` into the instance's memory
 * and the result back. Bit for bit the TypeScript reference's result.
 */
export function wasmGramian(): GramianKernel {
  const kernels = instantiateKernels();
  return (factors, k, from, to, out) => {
    const rows = to - from;
    const [rowsAt, outAt, scratch] = layOut(kernels, [
      rows * k * 4,
      (k * k + 1) * 8,
      (2 * k + 2) * 8,
    ]) as [number, number, number];
    const buffer = kernels.memory.buffer;
    new Float32Array(buffer, rowsAt, rows * k).set(factors.subarray(from * k, to * k));
    const sums = new Float64Array(buffer, outAt, k * k);
    sums.set(out);
    kernels.gramian(rowsAt, k, 0, rows, outAt, scratch);
    out.set(sums);
    return out;
  };
}
