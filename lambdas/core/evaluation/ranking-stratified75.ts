import type { Dataset } from '../dataset/dataset.ts';
import { itemCount, userCount } from '../dataset/dataset.ts';
import { selectRatings } from '../dataset/sparse-matrix.ts';
import { trainRankingModel, type RankingParams } from '../models/ranking-model.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import { stratifiedSplit } from './stratified-split.ts';
import { topNQuality, type RankingMetrics } from './top-n-quality.ts';

export const RANKING_TRAIN_RATIO = 0.75;

export interface RankingFoldResult extends RankingMetrics {
  fold: number;
  fit_s: number;
  predict_s: number;
}

export interface RankingStratified75Result {
  protocol: 'ranking-stratified75';
  model: { name: string; params: object };
  metrics: RankingMetrics;
  /** One split, reported as one fold so both protocols share a shape. */
  folds: RankingFoldResult[];
  timings: { fit_s: number; predict_s: number };
}

/**
 * The `ranking-stratified75` protocol (docs/architecture.md §8), comparable with Microsoft
 * Recommenders' ML-100K table: per user 75% of the ratings (seeded shuffle,
 * `python_stratified_split`) train the ranking model, the other 25% are all relevant; for every
 * user with test items the model recommends k = 10 items the user has not rated in train. Metrics
 * are means over those users (see ranking-metrics.ts); coverage = distinct recommended items /
 * items rated in train.
 */
export function evaluateRankingStratified75(
  dataset: Dataset,
  options: {
    seed: number;
    params?: Partial<RankingParams>;
    /** Clock in seconds, used only to time fit and predict. */
    now: () => number;
    onProgress?: OnProgress;
  },
): RankingStratified75Result {
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const rng = createRng(options.seed);
  const split = stratifiedSplit(dataset.ratings, shape.users, {
    ratio: RANKING_TRAIN_RATIO,
    seed: rng.int(2 ** 31),
  });
  const train = selectRatings(dataset.ratings, split.train);
  const test = selectRatings(dataset.ratings, split.test);

  const fitStart = options.now();
  const model = trainRankingModel(train, shape, options.params, {
    seed: rng.int(2 ** 31),
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
    protocol: 'ranking-stratified75',
    model: { name: model.kind, params: model.params },
    metrics,
    folds: [{ fold: 1, ...metrics, fit_s, predict_s }],
    timings: { fit_s, predict_s },
  };
}
