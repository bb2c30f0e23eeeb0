import type { Ratings } from '../core/dataset/dataset.ts';
import { mae, rmse } from '../core/evaluation/rating-metrics.ts';
import { topNQuality, type RankingMetrics } from '../core/evaluation/top-n-quality.ts';
import type { BiasedMf } from '../core/models/biased-mf.ts';
import type { RankingModel } from '../core/models/ranking-model.ts';

/** The figures a model version is published with, measured on ratings it was not trained on. */
export interface HoldoutMetrics extends RankingMetrics {
  rmse: number;
  mae: number;
}

/**
 * Rating accuracy of the rating model on the held-out ratings, and top-10 quality of the ranking
 * model under the ranking-stratified75 definitions (docs/architecture.md §8).
 */
export function holdoutMetrics(
  models: { rating: BiasedMf; ranking: RankingModel },
  train: Ratings,
  test: Ratings,
  shape: { users: number; items: number },
  /** Score only these users (ascending); default every user with held-out ratings. */
  sample?: Int32Array,
): HoldoutMetrics {
  const predicted = Float32Array.from(test.value, (_, n) =>
    models.rating.predict(test.user[n]!, test.item[n]!),
  );
  return {
    rmse: rmse(test.value, predicted),
    mae: mae(test.value, predicted),
    ...topNQuality(models.ranking, train, test, shape, sample ? { users: sample } : {}),
  };
}
