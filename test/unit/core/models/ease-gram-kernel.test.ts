import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { easeGram, trainEase } from '../../../../lambdas/core/models/ease.ts';
import { wasmEaseGram } from '../../../../lambdas/core/models/wasm-ease-gram.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

/** rows × n CSR with ascending columns, about `density` of the cells set, some rows empty. */
function randomRows(rows: number, n: number, density: number, seed: number): SparseMatrix {
  const rng = createRng(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < n; c++) {
      if (rng.next() < density) {
        indices.push(c);
        values.push(Math.fround(0.5 + 4 * rng.next()));
      }
    }
    indptr[r + 1] = indices.length;
  }
  return {
    rows,
    cols: n,
    indptr,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

describe("EASE's Gram kernel (kernels/ease-gram.ts)", () => {
  it.each([
    [1, 1, 1],
    [5, 3, 0.5],
    [40, 17, 0.3],
    [200, 64, 0.1],
    [30, 9, 0],
  ])('is bit for bit the TypeScript reference (%i rows × %i columns, density %f)', (r, n, d) => {
    const rows = randomRows(r, n, d, r * 31 + n);
    expect(Array.from(wasmEaseGram(rows, n))).toEqual(Array.from(easeGram(rows, n)));
  });

  it('fills only the upper triangle', () => {
    const gram = wasmEaseGram(randomRows(20, 6, 0.6, 2), 6);
    for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) expect(gram[i * 6 + j]).toBe(0);
    expect(gram[0]).toBeGreaterThan(0);
  });

  it('gives trainEase the same model as the TypeScript path, bit for bit', () => {
    const data = generateSyntheticDataset({ users: 120, items: 70, ratings: 2400, seed: 5 });
    const shape = { users: data.userIds.length, items: data.itemIds.length };
    const wasm = trainEase(data.ratings, shape, {}, { kernel: 'wasm' });
    const typescript = trainEase(data.ratings, shape, {}, { kernel: 'typescript' });
    expect(wasm.toArtifact()).toEqual(typescript.toArtifact());
  });
});
