import { describe, expect, it } from 'vitest';
import type { RatingScale, Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import type { ModelArtifact } from '../../../../lambdas/core/models/artifact.ts';
import {
  DEFAULT_BIASED_MF_PARAMS,
  biasedMfFromArtifact,
  trainBiasedMf,
} from '../../../../lambdas/core/models/biased-mf.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

const SCALE: RatingScale = { min: 1, max: 5, step: 0.5 };

function ratingsOf(rows: Array<[user: number, item: number, value: number]>): Ratings {
  return {
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    value: Float32Array.from(rows, (r) => r[2]),
    timestamp: new Uint32Array(rows.length),
  };
}

/** r = 3 + b_u + b_i + 1.5 a_u c_i on a 40 × 40 grid; about 60% of the cells go to train. */
function plantedRank1(seed: number): { train: Ratings; test: Ratings } {
  const rng = createRng(seed);
  const n = 40;
  const a = Array.from({ length: n }, () => rng.next() * 2 - 1);
  const c = Array.from({ length: n }, () => rng.next() * 2 - 1);
  const bu = Array.from({ length: n }, () => (rng.next() - 0.5) * 0.6);
  const bi = Array.from({ length: n }, () => (rng.next() - 0.5) * 0.6);
  const train: Array<[number, number, number]> = [];
  const test: Array<[number, number, number]> = [];
  for (let u = 0; u < n; u++) {
    for (let i = 0; i < n; i++) {
      const r = 3 + bu[u]! + bi[i]! + 1.5 * a[u]! * c[i]!;
      (rng.next() < 0.6 ? train : test).push([u, i, r]);
    }
  }
  return { train: ratingsOf(train), test: ratingsOf(test) };
}

function rmseOf(predict: (u: number, i: number) => number, ratings: Ratings): number {
  let sum = 0;
  for (let n = 0; n < ratings.value.length; n++) {
    const e = ratings.value[n]! - predict(ratings.user[n]!, ratings.item[n]!);
    sum += e * e;
  }
  return Math.sqrt(sum / ratings.value.length);
}

/** A hand-built two-user, two-item model with k = 1. */
function handModel(overrides: Partial<ModelArtifact['arrays']> = {}): ModelArtifact {
  return {
    kind: 'biased-mf',
    params: {
      ...DEFAULT_BIASED_MF_PARAMS,
      factors: 1,
      users: 2,
      items: 2,
      globalMean: 3.5,
      scale: SCALE,
      lossHistory: [1, 0.5],
    },
    arrays: {
      userBias: Float32Array.of(0.5, -0.5),
      itemBias: Float32Array.of(0.25, -1),
      userFactors: Float32Array.of(2, 0),
      itemFactors: Float32Array.of(0.5, -1),
      ...overrides,
    },
  };
}

describe('trainBiasedMf', () => {
  const shape = { users: 40, items: 40 };
  const params = { factors: 4, epochs: 150, factorRegularization: 0.005, biasRegularization: 0 };

  it('recovers a planted rank-1 matrix far better than the global mean', () => {
    const { train, test } = plantedRank1(5);
    const model = trainBiasedMf(train, shape, SCALE, params, { seed: 1 });
    const mean = model.globalMean;
    const baseline = rmseOf(() => mean, test);
    const heldOut = rmseOf(model.predict, test);
    expect(baseline).toBeGreaterThan(0.5);
    expect(heldOut).toBeLessThan(0.05);
    expect(model.lossHistory).toHaveLength(150);
    expect(model.lossHistory.at(-1)!).toBeLessThan(0.05);
    expect(model.lossHistory.at(-1)!).toBeLessThan(model.lossHistory[0]!);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { train } = plantedRank1(6);
    const a = trainBiasedMf(train, shape, SCALE, { epochs: 5 }, { seed: 11 });
    const b = trainBiasedMf(train, shape, SCALE, { epochs: 5 }, { seed: 11 });
    const c = trainBiasedMf(train, shape, SCALE, { epochs: 5 }, { seed: 12 });
    expect(b.userFactors).toEqual(a.userFactors);
    expect(b.itemBias).toEqual(a.itemBias);
    expect(b.lossHistory).toEqual(a.lossHistory);
    expect(c.userFactors).not.toEqual(a.userFactors);
  });

  it('reports one progress event per epoch with the training loss', () => {
    const { train } = plantedRank1(7);
    const events: Array<{ done: number; loss: number | undefined }> = [];
    const model = trainBiasedMf(
      train,
      shape,
      SCALE,
      { epochs: 3 },
      {
        seed: 1,
        onProgress: (e) => events.push({ done: e.done, loss: e.detail?.['loss'] }),
      },
    );
    expect(events.map((e) => e.done)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.loss)).toEqual(model.lossHistory);
  });

  it('clips predictions to the scale', () => {
    // Item 0 always 5 and item 1 always 1, with large factors free to overshoot.
    const rows: Array<[number, number, number]> = [];
    for (let u = 0; u < 10; u++) rows.push([u, 0, 5], [u, 1, 1]);
    const model = trainBiasedMf(ratingsOf(rows), { users: 10, items: 2 }, SCALE, {
      epochs: 50,
      learningRate: 0.1,
      learningRateDecay: 1,
      biasRegularization: 0,
    });
    for (let u = 0; u < 10; u++) {
      expect(model.predict(u, 0)).toBeLessThanOrEqual(5);
      expect(model.predict(u, 1)).toBeGreaterThanOrEqual(1);
      expect(model.predict(u, 0)).toBeCloseTo(5, 1);
    }
  });

  it('falls back to the baseline for users and items without training ratings', () => {
    // User 2 and item 2 exist in the shape but have no ratings.
    const rows: Array<[number, number, number]> = [
      [0, 0, 4],
      [0, 1, 2],
      [1, 0, 5],
      [1, 1, 3],
    ];
    const model = trainBiasedMf(ratingsOf(rows), { users: 3, items: 3 }, SCALE, { epochs: 20 });
    const mu = 3.5;
    expect(model.globalMean).toBeCloseTo(mu, 6);
    const coldUser = model.explain(2, 0);
    expect(coldUser.userBias).toBe(0);
    expect(coldUser.dot).toBe(0);
    expect(coldUser.prediction).toBeCloseTo(mu + model.itemBias[0]!, 6);
    expect(model.explain(0, 2).prediction).toBeCloseTo(mu + model.userBias[0]!, 6);
    expect(model.predict(99, -1)).toBeCloseTo(mu, 6);
    expect(model.explain(7, 1).prediction).toBeCloseTo(mu + model.itemBias[1]!, 6);
  });

  it('explains a prediction as parts that add up to it before clipping', () => {
    const { train } = plantedRank1(8);
    const model = trainBiasedMf(train, shape, SCALE, { epochs: 5 }, { seed: 2 });
    const parts = model.explain(3, 7);
    expect(parts.mean + parts.userBias + parts.itemBias + parts.dot).toBeCloseTo(
      parts.prediction,
      5,
    );
    expect(model.predict(3, 7)).toBe(parts.prediction);
  });

  it('rejects bad parameters and ratings outside the shape', () => {
    const { train } = plantedRank1(9);
    expect(() => trainBiasedMf(train, shape, SCALE, { factors: 0 })).toThrow(/factors/);
    expect(() => trainBiasedMf(train, shape, SCALE, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => trainBiasedMf(train, { users: 10, items: 40 }, SCALE)).toThrow(/outside/);
  });
});

describe('biased-mf artifact', () => {
  it('predicts from hand-set arrays, clipping above and below', () => {
    const model = biasedMfFromArtifact(handModel());
    // 3.5 + 0.5 + 0.25 + 2·0.5 = 5.25 → 5
    expect(model.explain(0, 0)).toEqual({
      mean: 3.5,
      userBias: 0.5,
      itemBias: 0.25,
      dot: 1,
      prediction: 5,
    });
    // 3.5 + 0.5 − 1 + 2·(−1) = 1 exactly
    expect(model.predict(0, 1)).toBeCloseTo(1, 6);
    // 3.5 − 0.5 − 1 + 0 = 2
    expect(model.predict(1, 1)).toBeCloseTo(2, 6);
    expect(model.lossHistory).toEqual([1, 0.5]);
  });

  it('round-trips a trained model', () => {
    const { train } = plantedRank1(10);
    const model = trainBiasedMf(train, { users: 40, items: 40 }, SCALE, { epochs: 5 }, { seed: 3 });
    const back = biasedMfFromArtifact(model.toArtifact());
    expect(back.params).toEqual(model.params);
    expect(back.scale).toEqual(SCALE);
    expect(back.lossHistory).toEqual(model.lossHistory);
    for (const [u, i] of [
      [0, 0],
      [5, 17],
      [39, 39],
    ] as const) {
      expect(back.predict(u, i)).toBe(model.predict(u, i));
    }
  });

  it('rejects wrong kinds, array types and lengths with clear errors', () => {
    expect(() => biasedMfFromArtifact({ ...handModel(), kind: 'ease' })).toThrow(/biased-mf/);
    expect(() =>
      biasedMfFromArtifact(handModel({ userFactors: Float32Array.of(1, 2, 3) })),
    ).toThrow(/userFactors has length 3, expected 2/);
    expect(() => biasedMfFromArtifact(handModel({ itemBias: Int32Array.of(0, 0) }))).toThrow(
      /itemBias must be a Float32Array/,
    );
    const noMean = handModel();
    delete noMean.params['globalMean'];
    expect(() => biasedMfFromArtifact(noMean)).toThrow(/globalMean/);
  });
});
