import { defaultEaseParams } from '../models/ease.ts';
import { defaultIalsParams } from '../models/ials.ts';
import type { RankingParams } from '../models/ranking-model.ts';
import type { RatingModelOptions } from '../models/rating-model.ts';
import { DEFAULT_RATING_PARAMS } from '../models/rating-model.ts';
import { blendIalsDefaults, defaultBlendWeight } from '../models/ranking-model.ts';
import type { Rng } from '../random.ts';

/** The models a tuning run searches: the rating model (`/predict`) and the ranking model (top-N). */
export const TUNED_MODELS = ['rating', 'ranking'] as const;
export type TunedModel = (typeof TUNED_MODELS)[number];

/** A point of a search space: one number per dimension, by dimension name. */
export type TrialParams = Record<string, number>;

/**
 * One searched parameter: `log` draws log-uniformly from [min, max] (scale parameters such as
 * step sizes and penalties), `uniform` uniformly, `choice` one of `values`; `fallback` is the
 * model's default, which trial 0 uses.
 */
export type Dimension =
  | { name: string; kind: 'log' | 'uniform'; min: number; max: number; fallback: number }
  | { name: string; kind: 'choice'; values: readonly number[]; fallback: number };

export interface SearchSpace<P> {
  dimensions: readonly Dimension[];
  /** The validation metric and its direction. */
  metric: { name: string; better: 'lower' | 'higher' };
  /** The model's parameters at a point of the space. */
  toModelParams(point: TrialParams): P;
}

/**
 * The rating model (rating-model.ts): the SGD part's latent size, first step and both L2
 * penalties, the Bayesian part's latent size and sweeps (its regularisation is sampled, not
 * tuned; burn-in stays 30) and the blend weight, around the defaults (which came from rating-cv5
 * runs). The SGD part's epochs, step decay and init scale stay at their defaults.
 */
export const RATING_SPACE: SearchSpace<RatingModelOptions> = {
  dimensions: [
    {
      name: 'sgdFactors',
      kind: 'choice',
      values: [16, 32, 64, 128],
      fallback: DEFAULT_RATING_PARAMS.sgd.factors,
    },
    {
      name: 'sgdLearningRate',
      kind: 'log',
      min: 0.01,
      max: 0.1,
      fallback: DEFAULT_RATING_PARAMS.sgd.learningRate,
    },
    {
      name: 'sgdFactorRegularization',
      kind: 'log',
      min: 0.02,
      max: 0.2,
      fallback: DEFAULT_RATING_PARAMS.sgd.factorRegularization,
    },
    {
      name: 'sgdBiasRegularization',
      kind: 'log',
      min: 0.005,
      max: 0.1,
      fallback: DEFAULT_RATING_PARAMS.sgd.biasRegularization,
    },
    {
      name: 'bayesianFactors',
      kind: 'choice',
      values: [4, 8, 16],
      fallback: DEFAULT_RATING_PARAMS.bayesian.factors,
    },
    {
      name: 'bayesianSweeps',
      kind: 'choice',
      values: [60, 100, 150],
      fallback: DEFAULT_RATING_PARAMS.bayesian.sweeps,
    },
    {
      name: 'bayesianWeight',
      kind: 'uniform',
      min: 0.2,
      max: 0.8,
      fallback: DEFAULT_RATING_PARAMS.bayesianWeight,
    },
  ],
  metric: { name: 'rmse', better: 'lower' },
  toModelParams: (point) =>
    present({
      sgd: present({
        factors: point.sgdFactors,
        learningRate: point.sgdLearningRate,
        factorRegularization: point.sgdFactorRegularization,
        biasRegularization: point.sgdBiasRegularization,
      }),
      bayesian: present({ factors: point.bayesianFactors, sweeps: point.bayesianSweeps }),
      bayesianWeight: point.bayesianWeight,
    }),
};

/** The iALS parameters the blend trains with untuned. */
const blendIals = { ...defaultIalsParams, ...blendIalsDefaults };

/**
 * The ranking model (ranking-model.ts): EASE's λ, iALS's latent size, penalty λ and unobserved
 * weight α0, and the blend weight of iALS against EASE for known users (the metric scores them,
 * not the fold-in, so the fold-in's weight stays at its default). Fallbacks are the blend's
 * (`blendIalsDefaults`). Where 'auto' picks iALS alone (large catalogues) the EASE and blend
 * dimensions have no effect and trial 0 trains k = 128 with iALS's exact solves, about 4× a
 * k = 64 trial on ml-latest-small; the blend's conjugate-gradient steps make k = 128 cheap.
 */
export const RANKING_SPACE: SearchSpace<Partial<RankingParams>> = {
  dimensions: [
    { name: 'easeLambda', kind: 'log', min: 50, max: 1000, fallback: defaultEaseParams.lambda },
    {
      name: 'ialsFactors',
      kind: 'choice',
      values: [32, 64, 128],
      fallback: blendIals.factors,
    },
    {
      name: 'ialsRegularization',
      kind: 'log',
      min: 0.003,
      max: 0.3,
      fallback: blendIals.regularization,
    },
    {
      name: 'ialsUnobservedWeight',
      kind: 'log',
      min: 0.01,
      max: 1,
      fallback: blendIals.unobservedWeight,
    },
    { name: 'blendWeight', kind: 'uniform', min: 0, max: 1, fallback: defaultBlendWeight },
  ],
  metric: { name: 'ndcg@10', better: 'higher' },
  toModelParams: (point) =>
    present({
      ease: present({ lambda: point.easeLambda }),
      ials: present({
        factors: point.ialsFactors,
        regularization: point.ialsRegularization,
        unobservedWeight: point.ialsUnobservedWeight,
      }),
      blendWeight: point.blendWeight,
    }),
};

/**
 * The entries with a value: a point missing a dimension (e.g. a tuning stored before it was
 * added) leaves that parameter at the model's default instead of overriding it with undefined.
 */
function present<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export const SEARCH_SPACES: { rating: typeof RATING_SPACE; ranking: typeof RANKING_SPACE } = {
  rating: RATING_SPACE,
  ranking: RANKING_SPACE,
};

/** The point every dimension's default gives: what training uses untuned. */
export function defaultPoint(space: SearchSpace<unknown>): TrialParams {
  return Object.fromEntries(space.dimensions.map((d) => [d.name, d.fallback]));
}

/** A random point; continuous values keep 3 significant digits so trials read cleanly. */
export function samplePoint(space: SearchSpace<unknown>, rng: Rng): TrialParams {
  const point: TrialParams = {};
  for (const d of space.dimensions) {
    if (d.kind === 'choice') {
      point[d.name] = d.values[rng.int(d.values.length)]!;
    } else {
      const u = rng.next();
      const value =
        d.kind === 'log'
          ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
          : d.min + u * (d.max - d.min);
      point[d.name] = Number(value.toPrecision(3));
    }
  }
  return point;
}

/** Whether a point lies in the space (every dimension present and within its range or values). */
export function inSpace(space: SearchSpace<unknown>, point: TrialParams): boolean {
  return space.dimensions.every((d) => {
    const v = point[d.name];
    if (v === undefined || !Number.isFinite(v)) return false;
    return d.kind === 'choice' ? d.values.includes(v) : v >= d.min && v <= d.max;
  });
}
