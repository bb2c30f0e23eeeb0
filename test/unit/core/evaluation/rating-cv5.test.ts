import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import type { ProgressEvent } from '../../../../lambdas/core/progress.ts';
import { evaluateRatingCv5 } from '../../../../lambdas/core/evaluation/rating-cv5.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

/** 30 users × 20 items, rank-2 structure plus noise, whole stars 1–5, about half observed. */
function smallDataset(): Dataset {
  const rng = createRng(4);
  const users = 30;
  const items = 20;
  const u = Array.from({ length: users * 2 }, () => rng.normal());
  const v = Array.from({ length: items * 2 }, () => rng.normal());
  const rows: number[][] = [];
  for (let a = 0; a < users; a++) {
    for (let i = 0; i < items; i++) {
      if (rng.next() < 0.5) continue;
      const raw = 3 + 0.6 * (u[2 * a]! * v[2 * i]! + u[2 * a + 1]! * v[2 * i + 1]!);
      rows.push([a, i, Math.min(5, Math.max(1, Math.round(raw + 0.3 * rng.normal())))]);
    }
  }
  return {
    name: 'tiny',
    userIds: Int32Array.from({ length: users }, (_, a) => a + 1),
    itemIds: Int32Array.from({ length: items }, (_, i) => i + 1),
    movies: Array.from({ length: items }, (_, i) => ({
      id: i + 1,
      title: `Movie ${i + 1}`,
      year: null,
      genres: [],
      imdbId: null,
      tmdbId: null,
    })),
    ratings: {
      user: Int32Array.from(rows, (r) => r[0]!),
      item: Int32Array.from(rows, (r) => r[1]!),
      value: Float32Array.from(rows, (r) => r[2]!),
      timestamp: new Uint32Array(rows.length),
    },
    tags: [],
    scale: { min: 1, max: 5, step: 1 },
  };
}

/** A clock that advances one second per reading. */
function tickingClock(): () => number {
  let t = 100;
  return () => t++;
}

describe('evaluateRatingCv5', () => {
  const dataset = smallDataset();
  const params = { sgd: { epochs: 10 }, bayesian: { sweeps: 20, burnIn: 5 } };

  it('reports five folds, their mean and summed timings', () => {
    const result = evaluateRatingCv5(dataset, { seed: 1, params, now: tickingClock() });
    expect(result.protocol).toBe('rating-cv5');
    expect(result.model.name).toBe('rating-model');
    expect(result.model.params.sgd.epochs).toBe(10);
    expect(result.model.params.bayesian.sweeps).toBe(20);
    expect(result.folds.map((f) => f.fold)).toEqual([1, 2, 3, 4, 5]);
    const meanRmse = result.folds.reduce((s, f) => s + f.rmse, 0) / 5;
    const meanMae = result.folds.reduce((s, f) => s + f.mae, 0) / 5;
    expect(result.metrics.rmse).toBeCloseTo(meanRmse, 12);
    expect(result.metrics.mae).toBeCloseTo(meanMae, 12);
    for (const fold of result.folds) {
      expect(fold.mae).toBeLessThanOrEqual(fold.rmse);
      expect(fold.rmse).toBeGreaterThan(0);
      // The clock ticks once before fit, after fit and after predict.
      expect(fold.fit_s).toBe(1);
      expect(fold.predict_s).toBe(1);
    }
    expect(result.timings).toEqual({ fit_s: 5, predict_s: 5 });
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = evaluateRatingCv5(dataset, { seed: 7, params, now: tickingClock() });
    const b = evaluateRatingCv5(dataset, { seed: 7, params, now: tickingClock() });
    const c = evaluateRatingCv5(dataset, { seed: 8, params, now: tickingClock() });
    expect(b.folds).toEqual(a.folds);
    expect(c.metrics.rmse).not.toBe(a.metrics.rmse);
  });

  it('reports progress per fold, epoch and sweep, tagged with the fold', () => {
    const events: ProgressEvent[] = [];
    evaluateRatingCv5(dataset, {
      seed: 1,
      params: { sgd: { epochs: 2 }, bayesian: { sweeps: 3, burnIn: 1 } },
      now: tickingClock(),
      onProgress: (e) => events.push(e),
    });
    const folds = events.filter((e) => e.step === 'fold');
    expect(folds.map((e) => e.done)).toEqual([0, 1, 2, 3, 4, 5]);
    const epochs = events.filter((e) => e.step === 'epoch');
    expect(epochs).toHaveLength(10);
    expect(epochs.map((e) => e.detail?.['fold'])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const sweeps = events.filter((e) => e.step === 'sweep');
    expect(sweeps).toHaveLength(15);
    expect(sweeps.map((e) => e.detail?.['fold'])).toEqual([
      1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5,
    ]);
  });
});
