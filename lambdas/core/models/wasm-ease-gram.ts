import type { SparseMatrix } from '../dataset/sparse-matrix.ts';
import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';

/**
 * `easeGram` on the WebAssembly kernel (kernels/ease-gram.ts), in an instance of its own: the
 * rows (O(nnz)) go into its memory, the n × n result (72 MB at EASE's 3,000 items) comes back in
 * a new array. Bit for bit the TypeScript reference's result.
 */
export function wasmEaseGram(rows: SparseMatrix, n: number): Float64Array {
  const kernels = instantiateKernels();
  const nnz = rows.indices.length;
  // prettier-ignore
  const [indptr, cols, weights, gram] = layOut(kernels, [(rows.rows + 1) * 4, nnz * 4, nnz * 4, n * n * 8]) as [number, number, number, number];
  const buffer = kernels.memory.buffer;
  new Int32Array(buffer, indptr, rows.rows + 1).set(rows.indptr);
  new Int32Array(buffer, cols, nnz).set(rows.indices);
  new Float32Array(buffer, weights, nnz).set(rows.values);
  kernels.easeGram(indptr, cols, weights, rows.rows, n, gram);
  return new Float64Array(buffer, gram, n * n).slice();
}
