import { describe, expect, it } from 'vitest';
import type { RatingScale, Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import { itemCount, userCount } from '../../../../lambdas/core/dataset/dataset.ts';
import { selectRatings } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { kFold } from '../../../../lambdas/core/evaluation/kfold.ts';
import { mae, rmse } from '../../../../lambdas/core/evaluation/rating-metrics.ts';
import type { BiasedMf } from '../../../../lambdas/core/models/biased-mf.ts';
import { trainBiasedMf } from '../../../../lambdas/core/models/biased-mf.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

const SCALE: RatingScale = { min: 0.5, max: 5, step: 0.5 };

/** `count` random ratings of users [0, users − 2) and items [0, items − 1): the last ones rate nothing. */
function randomRatings(users: number, items: number, count: number, seed: number): Ratings {
  const rng = createRng(seed);
  return {
    user: Int32Array.from({ length: count }, () => rng.int(Math.max(1, users - 2))),
    item: Int32Array.from({ length: count }, () => rng.int(Math.max(1, items - 1))),
    value: Float32Array.from({ length: count }, () => 0.5 + rng.int(10) / 2),
    timestamp: new Uint32Array(count),
  };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let x = 0; x < a.length; x++) max = Math.max(max, Math.abs(a[x]! - b[x]!));
  return max;
}

function expectAlike(wasm: BiasedMf, reference: BiasedMf, tolerance: number): void {
  expect(wasm.globalMean).toBe(reference.globalMean);
  expect(maxDifference(wasm.userBias, reference.userBias)).toBeLessThan(tolerance);
  expect(maxDifference(wasm.itemBias, reference.itemBias)).toBeLessThan(tolerance);
  expect(maxDifference(wasm.userFactors, reference.userFactors)).toBeLessThan(tolerance);
  expect(maxDifference(wasm.itemFactors, reference.itemFactors)).toBeLessThan(tolerance);
  wasm.lossHistory.forEach((loss, epoch) =>
    expect(Math.abs(loss - reference.lossHistory[epoch]!)).toBeLessThan(tolerance),
  );
}

describe('biased MF SGD: the WebAssembly kernel against the TypeScript reference', () => {
  // Dimensions below, at and off the kernel's 4-wide step; users and items that rate nothing.
  for (const factors of [1, 3, 4, 5, 64, 67]) {
    it(`trains the same model with k=${factors} from the same seed`, () => {
      const train = randomRatings(30, 25, 600, factors);
      const shape = { users: 30, items: 25 };
      const params = { factors, epochs: 8 };
      const reference = trainBiasedMf(train, shape, SCALE, params, { seed: 3, sgd: 'typescript' });
      const wasm = trainBiasedMf(train, shape, SCALE, params, { seed: 3, sgd: 'wasm' });
      // f64 throughout; only the dot product's summation order differs.
      expectAlike(wasm, reference, 1e-6);
      expect(Array.from(wasm.userFactors.subarray(28 * factors))).toEqual(
        new Array(2 * factors).fill(0),
      );
      expect(wasm.lossHistory).toHaveLength(8);
    });
  }

  it('handles one rating and no ratings', () => {
    for (const count of [0, 1]) {
      const train = randomRatings(3, 2, count, 1);
      const shape = { users: 3, items: 2 };
      const reference = trainBiasedMf(
        train,
        shape,
        SCALE,
        { factors: 6, epochs: 3 },
        {
          sgd: 'typescript',
        },
      );
      const wasm = trainBiasedMf(train, shape, SCALE, { factors: 6, epochs: 3 });
      expectAlike(wasm, reference, 1e-9);
    }
  });

  it('scores within ±0.002 RMSE and MAE of the reference on held-out ratings (default params)', () => {
    const dataset = generateSyntheticDataset({ users: 400, items: 300, ratings: 30_000, seed: 4 });
    const shape = { users: userCount(dataset), items: itemCount(dataset) };
    const [fold] = kFold(dataset.ratings.value.length, { folds: 5, seed: 1 });
    const train = selectRatings(dataset.ratings, fold!.train);
    const test = selectRatings(dataset.ratings, fold!.test);
    const metrics = (model: BiasedMf) => {
      const predicted = Float32Array.from(test.value, (_, n) =>
        model.predict(test.user[n]!, test.item[n]!),
      );
      return { rmse: rmse(test.value, predicted), mae: mae(test.value, predicted) };
    };
    const reference = metrics(
      trainBiasedMf(train, shape, dataset.scale, {}, { seed: 7, sgd: 'typescript' }),
    );
    const wasm = metrics(trainBiasedMf(train, shape, dataset.scale, {}, { seed: 7 }));
    expect(Math.abs(wasm.rmse - reference.rmse)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(wasm.mae - reference.mae)).toBeLessThanOrEqual(0.002);
  });
});
