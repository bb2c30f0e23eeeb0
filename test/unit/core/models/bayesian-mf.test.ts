import { describe, expect, it } from 'vitest';
import type { Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import type { BayesianMfPosterior } from '../../../../lambdas/core/models/bayesian-mf.ts';
import { sampleBayesianMf } from '../../../../lambdas/core/models/bayesian-mf.ts';
import { rmse } from '../../../../lambdas/core/evaluation/rating-metrics.ts';
import { createRng, fillNormals, gammaDeviate } from '../../../../lambdas/core/random.ts';
import { ratingsOf } from './ranking-fixtures.ts';

/**
 * r = 3 + b_u + b_i + p_u·q_i (rank 3) plus N(0, σ_u²) noise (σ_u = 0.3 unless given) on a
 * 60 × 50 grid; 40% of the cells go to train, the rest keep their noise-free value to test against.
 */
function plantedRank3(
  seed: number,
  noiseOf: (user: number) => number = () => 0.3,
): { train: Ratings; truth: Ratings } {
  const rng = createRng(seed);
  const users = 60;
  const items = 50;
  const k = 3;
  const p = Array.from({ length: users * k }, () => rng.normal() * 0.8);
  const q = Array.from({ length: items * k }, () => rng.normal() * 0.8);
  const bu = Array.from({ length: users }, () => rng.normal() * 0.3);
  const bi = Array.from({ length: items }, () => rng.normal() * 0.3);
  const train: Array<[number, number, number]> = [];
  const truth: Array<[number, number, number]> = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      let r = 3 + bu[u]! + bi[i]!;
      for (let f = 0; f < k; f++) r += p[u * k + f]! * q[i * k + f]!;
      if (rng.next() < 0.4) train.push([u, i, r + rng.normal() * noiseOf(u)]);
      else truth.push([u, i, r]);
    }
  }
  return { train: ratingsOf(train), truth: ratingsOf(truth) };
}

const predict = (m: BayesianMfPosterior, k: number, u: number, i: number): number => {
  let r = m.globalMean + m.userBias[u]! + m.itemBias[i]!;
  for (let f = 0; f < k; f++) r += m.userFactors[u * k + f]! * m.itemFactors[i * k + f]!;
  return r;
};

function rmseOf(guess: (u: number, i: number) => number, ratings: Ratings): number {
  return rmse(
    ratings.value,
    Float32Array.from(ratings.value, (_, n) => guess(ratings.user[n]!, ratings.item[n]!)),
  );
}

const PARAMS = { factors: 4, sweeps: 60, burnIn: 20, initStd: 0.1, userNoiseDof: 8 };

describe('sampleBayesianMf', () => {
  it('recovers a planted low-rank matrix far better than the prior mean, learning the noise', () => {
    const { train, truth } = plantedRank3(1);
    const shape = { users: 60, items: 50 };
    const model = sampleBayesianMf(train, shape, PARAMS, createRng(2));
    const posterior = rmseOf((u, i) => predict(model, 4, u, i), truth);
    // The prior mean: every parameter at its prior centre leaves the global mean.
    const prior = rmseOf(() => model.globalMean, truth);
    const biasesOnly = rmseOf(
      (u, i) => model.globalMean + model.userBias[u]! + model.itemBias[i]!,
      truth,
    );
    expect(prior).toBeGreaterThan(1);
    expect(posterior).toBeLessThan(0.35 * prior);
    expect(posterior).toBeLessThan(0.5 * biasesOnly);
    // The learned noise level lands near the planted σ = 0.3 (a little under: the fit absorbs some).
    const trainRmse = model.rmseHistory.at(-1)!;
    expect(trainRmse).toBeGreaterThan(0.15);
    expect(trainRmse).toBeLessThan(0.35);
  });

  it('learns which users are erratic and lets them count less (per-user noise)', () => {
    // Every fourth user rates with σ = 1.5, the others with σ = 0.2.
    const { train, truth } = plantedRank3(5, (u) => (u % 4 === 0 ? 1.5 : 0.2));
    const shape = { users: 60, items: 50 };
    const shared = sampleBayesianMf(train, shape, { ...PARAMS, userNoiseDof: 0 }, createRng(2));
    const perUser = sampleBayesianMf(train, shape, PARAMS, createRng(2));
    const sharedRmse = rmseOf((u, i) => predict(shared, 4, u, i), truth);
    const perUserRmse = rmseOf((u, i) => predict(perUser, 4, u, i), truth);
    expect(perUserRmse).toBeLessThan(0.7 * sharedRmse);
  });

  it('is deterministic for a seed and differs with another', () => {
    const { train } = plantedRank3(3);
    const shape = { users: 60, items: 50 };
    const params = { ...PARAMS, sweeps: 10, burnIn: 2 };
    const a = sampleBayesianMf(train, shape, params, createRng(5));
    const b = sampleBayesianMf(train, shape, params, createRng(5));
    const c = sampleBayesianMf(train, shape, params, createRng(6));
    expect(b).toEqual(a);
    expect(c.userFactors).not.toEqual(a.userFactors);
  });

  it('leaves rows without ratings at zero and averages only the sweeps after burn-in', () => {
    const rows: Array<[number, number, number]> = [];
    for (let u = 0; u < 6; u++) for (let i = 0; i < 5; i++) rows.push([u, i, 1 + ((u + i) % 5)]);
    const shape = { users: 8, items: 7 };
    const model = sampleBayesianMf(ratingsOf(rows), shape, PARAMS, createRng(1));
    expect(model.userBias[7]).toBe(0);
    expect(model.itemBias[6]).toBe(0);
    expect([...model.userFactors.subarray(6 * 4)].every((x) => x === 0)).toBe(true);
    expect([...model.itemFactors.subarray(5 * 4)].every((x) => x === 0)).toBe(true);
    expect(model.rmseHistory).toHaveLength(PARAMS.sweeps);
    expect(model.userFactors.some((x) => x !== 0)).toBe(true);
  });

  it('samples the same on the WebAssembly kernel as on the TypeScript reference', () => {
    const { train } = plantedRank3(4);
    // Users and items without ratings, odd k and a shape where rows differ in length.
    const shape = { users: 63, items: 52 };
    for (const factors of [1, 5]) {
      const params = { ...PARAMS, factors, sweeps: 8, burnIn: 3 };
      const reference = sampleBayesianMf(train, shape, params, createRng(8), {
        gibbs: 'typescript',
      });
      const wasm = sampleBayesianMf(train, shape, params, createRng(8), { gibbs: 'wasm' });
      expect(wasm).toEqual(reference);
    }
  });

  it('rejects bad parameters and ratings outside the shape', () => {
    const { train } = plantedRank3(1);
    const shape = { users: 60, items: 50 };
    const run = (p: Partial<typeof PARAMS>, s = shape) =>
      sampleBayesianMf(train, s, { ...PARAMS, ...p }, createRng(1));
    expect(() => run({ factors: 0 })).toThrow(/factors/);
    expect(() => run({ burnIn: 60 })).toThrow(/burnIn/);
    expect(() => run({ initStd: -1 })).toThrow(/initStd/);
    expect(() => run({}, { users: 60, items: 10 })).toThrow(/outside/);
  });
});

describe('gammaDeviate', () => {
  it('has mean shape / rate and variance shape / rate², also below shape 1', () => {
    for (const [shape, rate] of [
      [3, 2],
      [0.5, 1],
      [200, 50],
    ] as const) {
      const rng = createRng(9);
      const n = 40_000;
      let sum = 0;
      let squares = 0;
      for (let x = 0; x < n; x++) {
        const g = gammaDeviate(rng, shape, rate);
        expect(g).toBeGreaterThan(0);
        sum += g;
        squares += g * g;
      }
      const mean = sum / n;
      const variance = squares / n - mean * mean;
      expect(mean).toBeCloseTo(shape / rate, 1);
      expect(variance / (shape / rate ** 2)).toBeGreaterThan(0.93);
      expect(variance / (shape / rate ** 2)).toBeLessThan(1.07);
    }
  });
});

describe('fillNormals', () => {
  it('fills exactly count standard normal deviates, odd counts included', () => {
    const out = new Float64Array(50_001).fill(Number.NaN);
    fillNormals(createRng(3), out, 50_000);
    expect(Number.isNaN(out[50_000]!)).toBe(true);
    const values = out.subarray(0, 50_000);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeGreaterThan(0.97);
    expect(variance).toBeLessThan(1.03);
    // The tails of a normal, not of a uniform: P(|z| > 2) ≈ 4.55%.
    const tails = values.filter((x) => Math.abs(x) > 2).length / values.length;
    expect(tails).toBeGreaterThan(0.04);
    expect(tails).toBeLessThan(0.051);
  });
});
