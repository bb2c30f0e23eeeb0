import { describe, expect, it } from 'vitest';
import type { Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import { itemCount, userCount } from '../../../../lambdas/core/dataset/dataset.ts';
import { selectRatings, toSparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { rankingScoresAtK } from '../../../../lambdas/core/evaluation/ranking-metrics.ts';
import { stratifiedSplit } from '../../../../lambdas/core/evaluation/stratified-split.ts';
import type { IalsModel } from '../../../../lambdas/core/models/ials.ts';
import { trainIals } from '../../../../lambdas/core/models/ials.ts';
import { createRng } from '../../../../lambdas/core/random.ts';
import {
  createBlockScorer,
  createTopKLists,
  scoreTopKRange,
} from '../../../../lambdas/core/scoring/factor-top-k.ts';

/** Random ratings; the last user and the last item have none. */
function randomRatings(users: number, items: number, count: number, seed: number): Ratings {
  const rng = createRng(seed);
  return {
    user: Int32Array.from({ length: count }, () => rng.int(users - 1)),
    item: Int32Array.from({ length: count }, () => rng.int(items - 1)),
    value: Float32Array.from({ length: count }, () => 1 + rng.int(9) / 2),
    timestamp: new Uint32Array(count),
  };
}

const relativeDifference = (a: Float32Array, b: Float32Array): number => {
  let diff = 0;
  let scale = 0;
  for (let x = 0; x < a.length; x++) {
    diff = Math.max(diff, Math.abs(a[x]! - b[x]!));
    scale = Math.max(scale, Math.abs(b[x]!));
  }
  return scale === 0 ? diff : diff / scale;
};

describe('iALS row solves: the WebAssembly kernel against the TypeScript reference', () => {
  // Both solvers; dimensions odd and even (the kernel's f64x2 tail), one factor, rows without
  // ratings.
  const cases = [1, 3, 8, 33, 64].flatMap((factors) =>
    (['cholesky', 'cg'] as const).map((solver) => ({ factors, solver })),
  );
  for (const { factors, solver } of cases) {
    it(`trains the same model with k=${factors}, ${solver}, from the same seed`, () => {
      const shape = { users: 45, items: 30 };
      const train = randomRatings(shape.users, shape.items, 500, factors);
      const params = { factors, epochs: 4, solver, cgSteps: 3 };
      const reference = trainIals(train, shape, params, { seed: 2, kernel: 'typescript' });
      const wasm = trainIals(train, shape, params, { seed: 2 });
      expect(relativeDifference(wasm.userFactors, reference.userFactors)).toBeLessThan(1e-4);
      expect(relativeDifference(wasm.itemFactors.data, reference.itemFactors.data)).toBeLessThan(
        1e-4,
      );
      wasm.lossHistory.forEach((loss, epoch) =>
        expect(Math.abs(loss / reference.lossHistory[epoch]! - 1)).toBeLessThan(1e-5),
      );
      expect(Array.from(wasm.userFactors.subarray((shape.users - 1) * factors))).toEqual(
        new Array(factors).fill(0),
      );
    });
  }

  it('fails like the reference when a row system is not positive definite', () => {
    const shape = { users: 10, items: 8 };
    const train = randomRatings(shape.users, shape.items, 40, 1);
    // No ridge and no unobserved term: rows with fewer ratings than factors are singular.
    const params = { factors: 6, epochs: 1, regularization: 0, unobservedWeight: 0 };
    expect(() => trainIals(train, shape, params, { kernel: 'typescript' })).toThrow(
      /not positive definite/,
    );
    expect(() => trainIals(train, shape, params)).toThrow(/not positive definite/);
  });

  for (const solver of ['cholesky', 'cg'] as const) {
    it(`scores nDCG@10 and recall@10 within ±0.002 of the reference on held-out ratings (${solver})`, () => {
      const dataset = generateSyntheticDataset({
        users: 300,
        items: 400,
        ratings: 20_000,
        seed: 6,
      });
      const shape = { users: userCount(dataset), items: itemCount(dataset) };
      const split = stratifiedSplit(dataset.ratings, shape.users, {
        by: 'user',
        ratio: 0.8,
        seed: 3,
      });
      const train = selectRatings(dataset.ratings, split.train);
      const test = toSparseMatrix(selectRatings(dataset.ratings, split.test), shape, 'user');
      const seen = toSparseMatrix(train, shape, 'user');
      const quality = (model: IalsModel) => {
        const input = {
          users: shape.users,
          items: shape.items,
          factors: model.itemFactors.k,
          userFactors: model.userFactors,
          itemFactors: model.itemFactors.data,
          itemBias: null,
          exclude: { indptr: seen.indptr, indices: seen.indices },
          k: 10,
        };
        const lists = createTopKLists(shape.users, 10);
        scoreTopKRange(input, lists, 0, shape.users, createBlockScorer(input, 'typescript'));
        let ndcg = 0;
        let recall = 0;
        let counted = 0;
        for (let u = 0; u < shape.users; u++) {
          const relevant = test.indices.subarray(test.indptr[u]!, test.indptr[u + 1]!);
          if (relevant.length === 0) continue;
          const scores = rankingScoresAtK(lists.items.subarray(u * 10, (u + 1) * 10), relevant, 10);
          ndcg += scores.ndcg;
          recall += scores.recall;
          counted++;
        }
        return { ndcg: ndcg / counted, recall: recall / counted };
      };
      const params = { solver, epochs: 8 };
      const reference = quality(trainIals(train, shape, params, { seed: 4, kernel: 'typescript' }));
      const wasm = quality(trainIals(train, shape, params, { seed: 4 }));
      expect(reference.ndcg).toBeGreaterThan(0.05);
      expect(Math.abs(wasm.ndcg - reference.ndcg)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(wasm.recall - reference.recall)).toBeLessThanOrEqual(0.002);
    });
  }
});
