import type { Dataset } from '../dataset/dataset.ts';
import type { OnProgress } from '../progress.ts';
import type { RatingModelOptions, RatingModelParams } from '../models/rating-model.ts';
import { itemCount, userCount } from '../dataset/dataset.ts';
import { selectRatings } from '../dataset/sparse-matrix.ts';
import { mergeRatingOptions, trainRatingModel } from '../models/rating-model.ts';
import { createRng } from '../random.ts';
import { tuneInsideFold } from '../tuning/fold-tuning.ts';
import { RATING_SPACE } from '../tuning/search-space.ts';
import { kFold } from './kfold.ts';
import { mae, rmse } from './rating-metrics.ts';

export const RATING_CV_FOLDS = 5;

export interface RatingFoldResult {
  fold: number;
  rmse: number;
  mae: number;
  fit_s: number;
  predict_s: number;
  /** With `tune`: the trial chosen inside this fold and the seconds tuning took. */
  tuned_trial?: number;
  tune_s?: number;
}

export interface RatingCv5Result {
  protocol: 'rating-cv5';
  model: { name: string; params: RatingModelParams };
  metrics: { rmse: number; mae: number };
  folds: RatingFoldResult[];
  /** Fit and predict seconds summed over the folds. */
  timings: { fit_s: number; predict_s: number };
}

/**
 * The `rating-cv5` protocol (docs/architecture.md §8), comparable with the Surprise benchmark
 * table: all ratings shuffled with the seed into 5 folds; for each fold the rating model is fitted
 * on the other four and predicts the held-out ratings, clipped to the scale; RMSE and MAE per fold
 * and their unweighted mean over folds (as Surprise's `cross_validate` reports). With `tune`, each
 * fold first tunes on its own training ratings only, so its test ratings never steer the choice.
 */
export function evaluateRatingCv5(
  dataset: Dataset,
  options: {
    seed: number;
    params?: RatingModelOptions;
    /**
     * Tune the rating model inside each fold's training ratings with this many trials
     * (tuneInsideFold), then fit the fold with the chosen parameters over `params`.
     */
    tune?: number;
    /** Clock in seconds, used only to time fit and predict. */
    now: () => number;
    onProgress?: OnProgress;
  },
): RatingCv5Result {
  const { ratings, scale } = dataset;
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const rng = createRng(options.seed);
  const folds = kFold(ratings.value.length, { folds: RATING_CV_FOLDS, seed: rng.int(2 ** 31) });
  const onProgress = options.onProgress;

  const results: RatingFoldResult[] = [];
  let params: RatingModelParams | undefined;
  onProgress?.({ step: 'fold', done: 0, total: folds.length });
  folds.forEach((split, f) => {
    const train = selectRatings(ratings, split.train);
    const test = selectRatings(ratings, split.test);
    const seed = rng.int(2 ** 31);
    const tuneStart = options.now();
    const tuning =
      options.tune === undefined
        ? undefined
        : tuneInsideFold(
            'rating',
            train,
            { shape, scale },
            {
              scheme: 'rating-cv5',
              trials: options.tune,
              seed,
              now: options.now,
            },
          );
    const fitStart = options.now();
    const foldParams =
      tuning && mergeRatingOptions(options.params, RATING_SPACE.toModelParams(tuning.best.params));
    const model = trainRatingModel(train, shape, scale, foldParams ?? options.params, {
      seed,
      ...(onProgress && {
        onProgress: (event) => onProgress({ ...event, detail: { ...event.detail, fold: f + 1 } }),
      }),
    });
    const fitEnd = options.now();
    const predicted = new Float32Array(test.value.length);
    for (let n = 0; n < predicted.length; n++) {
      predicted[n] = model.predict(test.user[n]!, test.item[n]!);
    }
    const predictEnd = options.now();
    params = model.recipe;
    results.push({
      fold: f + 1,
      rmse: rmse(test.value, predicted),
      mae: mae(test.value, predicted),
      fit_s: fitEnd - fitStart,
      predict_s: predictEnd - fitEnd,
      ...(tuning && { tuned_trial: tuning.best.trial, tune_s: fitStart - tuneStart }),
    });
    onProgress?.({
      step: 'fold',
      done: f + 1,
      total: folds.length,
      detail: { rmse: results[f]!.rmse },
    });
  });

  const mean = (pick: (r: RatingFoldResult) => number): number =>
    results.reduce((s, r) => s + pick(r), 0) / results.length;
  const total = (pick: (r: RatingFoldResult) => number): number =>
    results.reduce((s, r) => s + pick(r), 0);
  return {
    protocol: 'rating-cv5',
    model: { name: 'rating-model', params: params! },
    metrics: { rmse: mean((r) => r.rmse), mae: mean((r) => r.mae) },
    folds: results,
    timings: { fit_s: total((r) => r.fit_s), predict_s: total((r) => r.predict_s) },
  };
}
