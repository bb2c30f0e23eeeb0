import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';
import type { IalsParams, IalsSide } from './ials.ts';

/** Solves rows [from, to) of one side as `solveRows` does, returning their objective parts. */
export type IalsRowsSolver = (
  side: IalsSide,
  from: number,
  to: number,
  params: IalsParams,
) => { data: number; penalty: number };

/**
 * iALS's row solves, Cholesky or conjugate gradient as params.solver says, on the WebAssembly
 * kernel (kernels/ials-rows.ts), one instance per thread: each call copies the rows' slice of the sparse matrix, the fixed factors,
 * the Gramian and the rows' starting values into the instance's memory (O(nnz + n·k), against
 * O(nnz·k²) or O(steps·nnz·k) of solving), then writes the solved rows back into side.target.
 */
export function wasmIalsRows(): IalsRowsSolver {
  const kernels = instantiateKernels();
  return (side, from, to, params) => {
    const { matrix, fixed, target, gram } = side;
    const k = params.factors;
    const rows = to - from;
    const start = matrix.indptr[from]!;
    const end = matrix.indptr[to]!;
    const nnz = end - start;
    // prettier-ignore
    const [indptr, cols, weights, fixedAt, gramAt, targetAt, scratch, loss] = layOut(kernels, [
      (rows + 1) * 4, nnz * 4, nnz * 4, fixed.length * 4, k * k * 8, rows * k * 4, (k * k + 8 * k) * 8, 16,
    ]) as [number, number, number, number, number, number, number, number];
    const buffer = kernels.memory.buffer;
    const offsets = new Int32Array(buffer, indptr, rows + 1);
    for (let r = 0; r <= rows; r++) offsets[r] = matrix.indptr[from + r]! - start;
    new Int32Array(buffer, cols, nnz).set(matrix.indices.subarray(start, end));
    new Float32Array(buffer, weights, nnz).set(matrix.values.subarray(start, end));
    new Float32Array(buffer, fixedAt, fixed.length).set(fixed);
    new Float64Array(buffer, gramAt, k * k).set(gram);
    const solved = new Float32Array(buffer, targetAt, rows * k);
    solved.set(target.subarray(from * k, to * k));
    const parts = new Float64Array(buffer, loss, 2);
    parts.fill(0);
    // prettier-ignore
    const failed = kernels.ialsRows(indptr, cols, weights, rows, fixedAt, gramAt, k, params.unobservedWeight, params.regularization, params.frequencyExponent, matrix.cols, params.solver === 'cholesky', params.cgSteps, targetAt, scratch, loss);
    target.set(solved, from * k);
    if (failed !== 0) throw new RangeError('iALS normal equations are not positive definite');
    return { data: parts[0]!, penalty: parts[1]! };
  };
}
