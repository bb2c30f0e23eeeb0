import type { RatingScale } from '../dataset/dataset.ts';
import { mae, rmse } from '../evaluation/rating-metrics.ts';
import { topNQuality } from '../evaluation/top-n-quality.ts';
import { trainRankingModel } from '../models/ranking-model.ts';
import { trainRatingModel } from '../models/rating-model.ts';
import { createRng } from '../random.ts';
import type { TrialParams, TunedModel } from './search-space.ts';
import { SEARCH_SPACES } from './search-space.ts';
import type { ValidationSplit } from './validation-split.ts';

/** What a trial trains on and is judged on. */
export interface TrialData extends ValidationSplit {
  shape: { users: number; items: number };
  scale: RatingScale;
}

/**
 * Top-N validation scores at most this many users (a seeded sample): enough for a stable mean,
 * while scoring every user of a large dataset would cost more than the fit.
 */
export const TRIAL_MAX_USERS = 10_000;

/**
 * Trains `model` with the point's parameters on `data.fit` and measures it on `data.validation`:
 * RMSE and MAE of the clipped predictions for the rating model, the top-10 metrics
 * (top-n-quality.ts) for the ranking model. Every trial of a run gets the same seed, so trials
 * differ by their parameters only.
 */
export function runTrial(
  model: TunedModel,
  point: TrialParams,
  data: TrialData,
  seed: number,
): Record<string, number> {
  const { fit, validation, shape, scale } = data;
  if (model === 'rating') {
    const params = SEARCH_SPACES.rating.toModelParams(point);
    const mf = trainRatingModel(fit, shape, scale, params, { seed });
    const predicted = Float32Array.from(validation.value, (_, n) =>
      mf.predict(validation.user[n]!, validation.item[n]!),
    );
    return { rmse: rmse(validation.value, predicted), mae: mae(validation.value, predicted) };
  }
  const params = SEARCH_SPACES.ranking.toModelParams(point);
  const ranking = trainRankingModel(fit, shape, params, { seed });
  return { ...topNQuality(ranking, fit, validation, shape, sampledUsers(shape.users, seed)) };
}

function sampledUsers(users: number, seed: number): { users?: Int32Array } {
  if (users <= TRIAL_MAX_USERS) return {};
  const all = createRng(seed).shuffle(Int32Array.from({ length: users }, (_, u) => u));
  return { users: all.subarray(0, TRIAL_MAX_USERS).sort() };
}
