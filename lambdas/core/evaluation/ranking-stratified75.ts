import type { Dataset } from '../dataset/dataset.ts';
import { itemCount, userCount } from '../dataset/dataset.ts';
import { selectRatings } from '../dataset/sparse-matrix.ts';
import { trainRankingModel, type RankingParams } from '../models/ranking-model.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import { tuneInsideFold } from '../tuning/fold-tuning.ts';
import { RANKING_SPACE } from '../tuning/search-space.ts';
import { stratifiedSplit } from './stratified-split.ts';
import { topNQuality, type RankingMetrics } from './top-n-quality.ts';

export const RANKING_TRAIN_RATIO = 0.75;

/** The split each ranking protocol stratifies by. */
export const RANKING_SPLITS = {
  'ranking-stratified75': 'item',
  'ranking-stratified75-user': 'user',
} as const;
export type RankingStratifiedProtocol = keyof typeof RANKING_SPLITS;

export interface RankingFoldResult extends RankingMetrics {
  fold: number;
  fit_s: number;
  predict_s: number;
  /** With `tune`: the trial chosen on the training part and the seconds tuning took. */
  tuned_trial?: number;
  tune_s?: number;
}

export interface RankingStratified75Result {
  protocol: RankingStratifiedProtocol;
  model: { name: string; params: object };
  metrics: RankingMetrics;
  /** One split, reported as one fold so both protocols share a shape. */
  folds: RankingFoldResult[];
  timings: { fit_s: number; predict_s: number };
}

/**
 * The top-10 ranking protocols. `ranking-stratified75` is the split of Microsoft Recommenders'
 * ML-100K benchmark table, `python_stratified_split(data, ratio=0.75, min_rating=1,
 * filter_by="item", seed)`: per MOVIE, floor(0.75·n) of its ratings (seeded random order) train
 * the ranking model and the rest are test (stratified-split.ts). `ranking-stratified75-user` is
 * the same split per USER (filter_by="user"), which keeps every user's history 75% visible.
 * Every test rating is relevant; each user with both train and test ratings gets k = 10 items
 * not rated in train (top-n-quality.ts, which says which users are averaged). With `tune`, the
 * model is first tuned on the training part only (tuneInsideFold).
 */
export function evaluateRankingStratified75(
  dataset: Dataset,
  options: {
    protocol: RankingStratifiedProtocol;
    seed: number;
    params?: Partial<RankingParams>;
    /**
     * Tune the ranking model inside the training part with this many trials (tuneInsideFold,
     * validation carved per movie, or per user for the per-user protocol), then fit with the
     * chosen parameters.
     */
    tune?: number;
    /** Clock in seconds, used only to time fit and predict. */
    now: () => number;
    onProgress?: OnProgress;
  },
): RankingStratified75Result {
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const rng = createRng(options.seed);
  const by = RANKING_SPLITS[options.protocol];
  const split = stratifiedSplit(dataset.ratings, by === 'user' ? shape.users : shape.items, {
    by,
    ratio: RANKING_TRAIN_RATIO,
    seed: rng.int(2 ** 31),
  });
  const train = selectRatings(dataset.ratings, split.train);
  const test = selectRatings(dataset.ratings, split.test);

  const seed = rng.int(2 ** 31);
  const tuneStart = options.now();
  const tuning =
    options.tune === undefined
      ? undefined
      : tuneInsideFold(
          'ranking',
          train,
          { shape, scale: dataset.scale },
          {
            scheme: by === 'item' ? 'ranking-stratified75' : 'user-holdout',
            trials: options.tune,
            seed,
            now: options.now,
          },
        );
  const fitStart = options.now();
  const params = tuning && {
    ...options.params,
    ...RANKING_SPACE.toModelParams(tuning.best.params),
  };
  const model = trainRankingModel(train, shape, params ?? options.params, {
    seed,
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const fitEnd = options.now();

  const metrics = topNQuality(model, train, test, shape, {
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const predictEnd = options.now();

  const fit_s = fitEnd - fitStart;
  const predict_s = predictEnd - fitEnd;
  return {
    protocol: options.protocol,
    model: { name: model.kind, params: model.params },
    metrics,
    folds: [
      {
        fold: 1,
        ...metrics,
        fit_s,
        predict_s,
        ...(tuning && { tuned_trial: tuning.best.trial, tune_s: fitStart - tuneStart }),
      },
    ],
    timings: { fit_s, predict_s },
  };
}
