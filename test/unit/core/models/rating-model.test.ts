import { describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { itemCount, userCount } from '../../../../lambdas/core/dataset/dataset.ts';
import { sampleBayesianMf } from '../../../../lambdas/core/models/bayesian-mf.ts';
import { biasedMfFromArtifact, trainBiasedMf } from '../../../../lambdas/core/models/biased-mf.ts';
import {
  DEFAULT_RATING_PARAMS,
  mergeRatingOptions,
  trainRatingModel,
} from '../../../../lambdas/core/models/rating-model.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

const dataset = generateSyntheticDataset({ users: 50, items: 40, ratings: 800, seed: 4 });
const shape = { users: userCount(dataset), items: itemCount(dataset) };
const options = {
  sgd: { epochs: 8 },
  bayesian: { sweeps: 20, burnIn: 5 },
  bayesianWeight: 0.3,
};

describe('trainRatingModel', () => {
  it('predicts w · Bayesian + (1 − w) · SGD through one biased MF of k_B + k_S factors', () => {
    const model = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 6 });
    // The same components, trained apart from the same seed stream.
    const rng = createRng(6);
    const sgd = trainBiasedMf(
      dataset.ratings,
      shape,
      dataset.scale,
      { ...DEFAULT_RATING_PARAMS.sgd, ...options.sgd },
      { seed: rng.int(2 ** 31) },
    );
    const bayes = sampleBayesianMf(
      dataset.ratings,
      shape,
      { ...DEFAULT_RATING_PARAMS.bayesian, ...options.bayesian },
      rng,
    );
    const kB = DEFAULT_RATING_PARAMS.bayesian.factors;
    expect(model.factors).toBe(kB + sgd.factors);
    let compared = 0;
    for (let u = 0; u < shape.users; u += 3) {
      for (let i = 0; i < shape.items; i += 2) {
        const s = sgd.explain(u, i);
        let b = bayes.globalMean + bayes.userBias[u]! + bayes.itemBias[i]!;
        for (let f = 0; f < kB; f++) {
          b += bayes.userFactors[u * kB + f]! * bayes.itemFactors[i * kB + f]!;
        }
        const blended = 0.3 * b + 0.7 * (s.mean + s.userBias + s.itemBias + s.dot);
        const parts = model.explain(u, i);
        expect(parts.mean + parts.userBias + parts.itemBias + parts.dot).toBeCloseTo(blended, 5);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(model.recipe).toEqual({
      sgd: { ...DEFAULT_RATING_PARAMS.sgd, ...options.sgd },
      bayesian: { ...DEFAULT_RATING_PARAMS.bayesian, ...options.bayesian },
      bayesianWeight: 0.3,
    });
  });

  it('survives the artifact round trip with its recipe', () => {
    const model = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 2 });
    const restored = biasedMfFromArtifact(model.toArtifact());
    expect(restored.recipe).toEqual(model.recipe);
    for (let u = 0; u < shape.users; u += 7) {
      for (let i = 0; i < shape.items; i += 5) {
        expect(restored.predict(u, i)).toBe(model.predict(u, i));
      }
    }
  });

  it('is deterministic for a seed and rejects a weight outside [0, 1]', () => {
    const a = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 3 });
    const b = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 3 });
    const c = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 4 });
    expect(b.userFactors).toEqual(a.userFactors);
    expect(c.userFactors).not.toEqual(a.userFactors);
    expect(() =>
      trainRatingModel(dataset.ratings, shape, dataset.scale, { bayesianWeight: 1.5 }),
    ).toThrow(/bayesianWeight/);
  });

  it('merges options part by part', () => {
    expect(
      mergeRatingOptions(
        { sgd: { epochs: 5, factors: 16 }, bayesianWeight: 0.4 },
        { sgd: { factors: 32 }, bayesian: { sweeps: 60 } },
      ),
    ).toEqual({
      sgd: { epochs: 5, factors: 32 },
      bayesian: { sweeps: 60 },
      bayesianWeight: 0.4,
    });
  });
});
