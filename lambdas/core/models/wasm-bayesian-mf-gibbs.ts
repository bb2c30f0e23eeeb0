import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';
import type { BayesianMfGibbs, GibbsSetup, GibbsSide } from './bayesian-mf-gibbs.ts';

/**
 * The sweeps on the WebAssembly kernel (kernels/gibbs-side.ts): both sides' arrays, the
 * residuals, the deviates and the scratch live in the instance's memory, and the sampler works on
 * views of them.
 */
export function wasmBayesianMfGibbs(setup: GibbsSetup): BayesianMfGibbs {
  const { k, ratings } = setup;
  const kernels = instantiateKernels();
  const sideBytes = (rows: number, rated: number): number[] => [
    (rows + 1) * 4,
    ratings * 4,
    rated * 4,
    rows * 8,
    rows * k * 8,
    2 * (k + 1) * 8,
    ratings * 8,
    ratings * 8,
  ];
  const normalCount = Math.max(setup.ratedUsers, setup.ratedItems) * (k + 1);
  const offsets = layOut(kernels, [
    ...sideBytes(setup.users, setup.ratedUsers),
    ...sideBytes(setup.items, setup.ratedItems),
    normalCount * 8,
    setup.longestRow * k * 8,
  ]);
  const buffer = kernels.memory.buffer;
  const at = (n: number): number => offsets[n]!;
  const side = (first: number, rows: number, rated: number): GibbsSide => ({
    start: new Int32Array(buffer, at(first), rows + 1),
    other: new Int32Array(buffer, at(first + 1), ratings),
    rated: new Int32Array(buffer, at(first + 2), rated),
    bias: new Float64Array(buffer, at(first + 3), rows),
    factors: new Float64Array(buffer, at(first + 4), rows * k),
    hyper: new Float64Array(buffer, at(first + 5), 2 * (k + 1)),
    e: new Float64Array(buffer, at(first + 6), ratings),
    weight: new Float64Array(buffer, at(first + 7), ratings),
  });
  const user = side(0, setup.users, setup.ratedUsers);
  const item = side(8, setup.items, setup.ratedItems);
  const normals = at(16);
  const h = at(17);
  const run = (self: GibbsSide, first: number, otherFactors: number): void =>
    kernels.gibbsSide(
      at(first),
      at(first + 1),
      at(first + 2),
      self.rated.length,
      at(first + 3),
      at(first + 4),
      otherFactors,
      at(first + 6),
      at(first + 7),
      at(first + 5),
      normals,
      h,
      k,
    );
  return {
    user,
    item,
    normals: new Float64Array(buffer, normals, normalCount),
    sweepSide: (which) => (which === 'user' ? run(user, 0, at(12)) : run(item, 8, at(4))),
  };
}
