import { describe, expect, it } from 'vitest';
import { gramian, ialsGramian } from '../../../../lambdas/core/models/ials.ts';
import { wasmGramian } from '../../../../lambdas/core/models/wasm-gramian.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

describe('the Gramian kernel (kernels/gramian.ts)', () => {
  const rng = createRng(12);
  const kernel = wasmGramian();

  it.each([
    [1, 5, 0, 5],
    [2, 9, 3, 8],
    [3, 11, 0, 11],
    [7, 40, 5, 38],
    [8, 33, 0, 33],
    [64, 301, 17, 300],
    [65, 20, 1, 20],
  ])('is bit for bit the TypeScript reference (k = %i, %i rows, [%i, %i))', (k, rows, from, to) => {
    // Some exact zeros (the reference skips them) and an out that already holds a partial sum.
    const factors = Float32Array.from({ length: rows * k }, () =>
      rng.next() < 0.1 ? 0 : rng.normal(),
    );
    const start = Float64Array.from({ length: k * k }, () => rng.normal());
    const want = gramian(factors, k, from, to, start.slice());
    const got = kernel(factors, k, from, to, start.slice());
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('adds nothing for an empty range but still symmetrises, as the reference', () => {
    const start = Float64Array.from([1, 2, 3, 4]);
    expect(Array.from(kernel(new Float32Array(0), 2, 0, 0, start.slice()))).toEqual(
      Array.from(gramian(new Float32Array(0), 2, 0, 0, start.slice())),
    );
  });

  it('is what ialsGramian gives for each kernel', () => {
    expect(ialsGramian('typescript')).toBe(gramian);
    const factors = Float32Array.from({ length: 30 }, () => rng.normal());
    expect(Array.from(ialsGramian('wasm')(factors, 3, 0, 10, new Float64Array(9)))).toEqual(
      Array.from(gramian(factors, 3, 0, 10, new Float64Array(9))),
    );
  });
});
