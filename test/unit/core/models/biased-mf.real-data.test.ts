import { describe, expect, it } from 'vitest';
import { kFold } from '../../../../lambdas/core/evaluation/kfold.ts';
import { rmse } from '../../../../lambdas/core/evaluation/rating-metrics.ts';
import { itemCount, userCount } from '../../../../lambdas/core/dataset/dataset.ts';
import { selectRatings } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { trainBiasedMf } from '../../../../lambdas/core/models/biased-mf.ts';
import { BUILT_IN_DATASET, loadDataset } from '../../../../lambdas/local/load-dataset.ts';

describe('biased MF on ml-latest-small', () => {
  it('beats the global mean and its own bias terms alone on one held-out fold', async () => {
    const { dataset } = await loadDataset(BUILT_IN_DATASET);
    const shape = { users: userCount(dataset), items: itemCount(dataset) };
    const [fold] = kFold(dataset.ratings.value.length, { folds: 5, seed: 42 });
    const train = selectRatings(dataset.ratings, fold!.train);
    const test = selectRatings(dataset.ratings, fold!.test);
    const model = trainBiasedMf(train, shape, dataset.scale, {}, { seed: 1 });

    const n = test.value.length;
    const mf = new Float32Array(n);
    const mean = new Float32Array(n).fill(model.globalMean);
    const biases = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const parts = model.explain(test.user[k]!, test.item[k]!);
      mf[k] = parts.prediction;
      biases[k] = Math.min(5, Math.max(0.5, parts.mean + parts.userBias + parts.itemBias));
    }
    const mfRmse = rmse(test.value, mf);
    expect(rmse(test.value, mean)).toBeGreaterThan(1.0);
    // Surprise's SVD scores about 0.87 on ml-latest-small.
    expect(mfRmse).toBeLessThan(0.87);
    expect(mfRmse).toBeLessThan(rmse(test.value, biases) - 0.01);
  });
});
