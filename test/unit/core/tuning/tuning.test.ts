import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { kFold } from '../../../../lambdas/core/evaluation/kfold.ts';
import { stratifiedSplit } from '../../../../lambdas/core/evaluation/stratified-split.ts';
import { defaultEaseParams } from '../../../../lambdas/core/models/ease.ts';
import { defaultIalsParams } from '../../../../lambdas/core/models/ials.ts';
import {
  blendIalsDefaults,
  defaultBlendWeight,
} from '../../../../lambdas/core/models/ranking-model.ts';
import { DEFAULT_RATING_PARAMS } from '../../../../lambdas/core/models/rating-model.ts';
import { createRng } from '../../../../lambdas/core/random.ts';
import { chooseBest, type TrialResult } from '../../../../lambdas/core/tuning/model-tuning.ts';
import { planTuning } from '../../../../lambdas/core/tuning/random-search.ts';
import {
  defaultPoint,
  inSpace,
  SEARCH_SPACES,
  TUNED_MODELS,
} from '../../../../lambdas/core/tuning/search-space.ts';
import { tuneUnderProtocol } from '../../../../lambdas/core/tuning/tune-protocol.ts';
import { evaluateRatingCv5 } from '../../../../lambdas/core/evaluation/rating-cv5.ts';
import { evaluateRankingStratified75 } from '../../../../lambdas/core/evaluation/ranking-stratified75.ts';

const clock = () => 0;

function dataset(): Dataset {
  return generateSyntheticDataset({ users: 80, items: 60, ratings: 1600, seed: 3 });
}

/** The ratings the protocol tests on, for the seed: what `evaluate` would hold out. */
function testPositions(
  data: Dataset,
  protocol: 'rating-cv5' | 'ranking-stratified75',
  seed: number,
) {
  const outer = createRng(seed).int(2 ** 31);
  return protocol === 'rating-cv5'
    ? kFold(data.ratings.value.length, { folds: 5, seed: outer })[0]!.test
    : stratifiedSplit(data.ratings, data.itemIds.length, { by: 'item', ratio: 0.75, seed: outer })
        .test;
}

describe('search spaces', () => {
  it('hold the models’ defaults, which are trial 0', () => {
    expect(defaultPoint(SEARCH_SPACES.rating)).toEqual({
      sgdFactors: DEFAULT_RATING_PARAMS.sgd.factors,
      sgdLearningRate: DEFAULT_RATING_PARAMS.sgd.learningRate,
      sgdFactorRegularization: DEFAULT_RATING_PARAMS.sgd.factorRegularization,
      sgdBiasRegularization: DEFAULT_RATING_PARAMS.sgd.biasRegularization,
      bayesianFactors: DEFAULT_RATING_PARAMS.bayesian.factors,
      bayesianSweeps: DEFAULT_RATING_PARAMS.bayesian.sweeps,
      bayesianWeight: DEFAULT_RATING_PARAMS.bayesianWeight,
    });
    const blendIals = { ...defaultIalsParams, ...blendIalsDefaults };
    expect(defaultPoint(SEARCH_SPACES.ranking)).toEqual({
      easeLambda: defaultEaseParams.lambda,
      ialsFactors: blendIals.factors,
      ialsRegularization: blendIals.regularization,
      ialsUnobservedWeight: blendIals.unobservedWeight,
      blendWeight: defaultBlendWeight,
    });
    for (const model of TUNED_MODELS) {
      const space = SEARCH_SPACES[model];
      expect(inSpace(space, defaultPoint(space))).toBe(true);
      const plan = planTuning(model, 12, 5);
      expect(plan.trials[0]).toEqual(defaultPoint(space));
      for (const point of plan.trials) expect(inSpace(space, point)).toBe(true);
      // Random points, not twelve copies of the defaults.
      expect(new Set(plan.trials.map((p) => JSON.stringify(p))).size).toBeGreaterThan(6);
    }
  });

  it('map a point to model parameters, leaving out dimensions the point lacks', () => {
    expect(SEARCH_SPACES.rating.toModelParams({ sgdFactors: 32, bayesianWeight: 0.3 })).toEqual({
      sgd: { factors: 32 },
      bayesian: {},
      bayesianWeight: 0.3,
    });
    expect(SEARCH_SPACES.ranking.toModelParams({ easeLambda: 300, blendWeight: 0.2 })).toEqual({
      ease: { lambda: 300 },
      ials: {},
      blendWeight: 0.2,
    });
  });

  it('the same seed plans the same trials, another seed others', () => {
    expect(planTuning('rating', 8, 42)).toEqual(planTuning('rating', 8, 42));
    expect(planTuning('rating', 8, 43).trials.slice(1)).not.toEqual(
      planTuning('rating', 8, 42).trials.slice(1),
    );
    expect(() => planTuning('ranking', 0, 1)).toThrow(/trials must be an integer ≥ 1/);
  });
});

describe('chooseBest', () => {
  const trial = (n: number, metrics: Record<string, number>): TrialResult => ({
    trial: n,
    params: { n },
    metrics,
    seconds: 1,
  });

  it('takes the lowest RMSE and the highest nDCG@10, the earlier trial on a tie', () => {
    const rating = chooseBest('rating', [
      trial(2, { rmse: 0.9 }),
      trial(0, { rmse: 0.95 }),
      trial(1, { rmse: 0.9 }),
    ]);
    expect(rating.best.trial).toBe(1);
    expect(rating.trials.map((t) => t.trial)).toEqual([0, 1, 2]);
    expect(
      chooseBest('ranking', [trial(0, { 'ndcg@10': 0.3 }), trial(1, { 'ndcg@10': 0.4 })]).best
        .trial,
    ).toBe(1);
    expect(
      chooseBest('ranking', [trial(0, { 'ndcg@10': 0.3 }), trial(1, { 'ndcg@10': NaN })]).best
        .trial,
    ).toBe(0);
  });
});

describe('tuneUnderProtocol', () => {
  for (const protocol of ['rating-cv5', 'ranking-stratified75'] as const) {
    it(`${protocol}: the same seed gives the same trials; trial 0 is the defaults`, () => {
      const data = dataset();
      const run = () => tuneUnderProtocol(data, { protocol, trials: 3, seed: 9, now: clock });
      const first = run();
      expect(first.trials).toHaveLength(3);
      expect(first.trials[0]!.params).toEqual(defaultPoint(SEARCH_SPACES[first.model]));
      expect(run()).toEqual(first);
      const metric = first.metric;
      const best = Math.min(
        ...first.trials.map((t) => (metric === 'rmse' ? 1 : -1) * t.metrics[metric]!),
      );
      expect((metric === 'rmse' ? 1 : -1) * first.best.metrics[metric]!).toBe(best);
    });

    it(`${protocol}: the test ratings cannot change a trial`, () => {
      const data = dataset();
      const clean = tuneUnderProtocol(data, { protocol, trials: 3, seed: 9, now: clock });
      // Poison every held-out rating: new values and new users (the split does not group by
      // user under either protocol, so the same ratings stay held out).
      const poisoned = structuredClone(data);
      const users = data.userIds.length;
      for (const k of testPositions(data, protocol, 9)) {
        poisoned.ratings.value[k] = poisoned.ratings.value[k] === 5 ? 0.5 : 5;
        poisoned.ratings.user[k] = (poisoned.ratings.user[k]! + 7) % users;
      }
      expect(tuneUnderProtocol(poisoned, { protocol, trials: 3, seed: 9, now: clock })).toEqual(
        clean,
      );
      // The same poison on training ratings does change the trials: the check can fail.
      const trainPoisoned = structuredClone(data);
      const test = new Set(testPositions(data, protocol, 9));
      for (let k = 0; k < data.ratings.value.length; k++) {
        if (!test.has(k)) trainPoisoned.ratings.user[k] = (data.ratings.user[k]! + 7) % users;
      }
      expect(
        tuneUnderProtocol(trainPoisoned, { protocol, trials: 3, seed: 9, now: clock }).trials,
      ).not.toEqual(clean.trials);
    });
  }
});

describe('evaluate with tuning inside each training fold', () => {
  it('rating-cv5: one trial (the defaults) scores as untuned; more trials tune every fold', () => {
    const data = dataset();
    const untuned = evaluateRatingCv5(data, { seed: 3, now: clock });
    const defaultsOnly = evaluateRatingCv5(data, { seed: 3, now: clock, tune: 1 });
    expect(defaultsOnly.metrics).toEqual(untuned.metrics);
    expect(defaultsOnly.folds.map((f) => f.tuned_trial)).toEqual([0, 0, 0, 0, 0]);
    const tuned = evaluateRatingCv5(data, { seed: 3, now: clock, tune: 3 });
    for (const fold of tuned.folds) expect([0, 1, 2]).toContain(fold.tuned_trial);
    expect(tuned.folds.every((f) => f.tune_s === 0)).toBe(true);
  });

  it('ranking-stratified75: one trial scores as untuned; the chosen trial is reported', () => {
    const data = dataset();
    const run = { protocol: 'ranking-stratified75' as const, seed: 3, now: clock };
    const untuned = evaluateRankingStratified75(data, run);
    expect(evaluateRankingStratified75(data, { ...run, tune: 1 }).metrics).toEqual(untuned.metrics);
    const tuned = evaluateRankingStratified75(data, { ...run, tune: 2 });
    expect([0, 1]).toContain(tuned.folds[0]!.tuned_trial);
  });
});
