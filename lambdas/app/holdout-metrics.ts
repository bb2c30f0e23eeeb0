import type { Ratings } from '../core/dataset/dataset.ts';
import type { SparseMatrix } from '../core/dataset/sparse-matrix.ts';
import { toSparseMatrix } from '../core/dataset/sparse-matrix.ts';
import { catalogueCoverage, rankingScoresAtK } from '../core/evaluation/ranking-metrics.ts';
import { mae, rmse } from '../core/evaluation/rating-metrics.ts';
import type { BiasedMf } from '../core/models/biased-mf.ts';
import type { RankingModel } from '../core/models/ranking-model.ts';
import { topN } from '../core/models/top-n.ts';

export const HOLDOUT_K = 10;

/** The figures a model version is published with, measured on ratings it was not trained on. */
export interface HoldoutMetrics {
  rmse: number;
  mae: number;
  'precision@10': number;
  'recall@10': number;
  'ndcg@10': number;
  'map@10': number;
  coverage: number;
}

/**
 * Rating accuracy of the rating model on the held-out ratings, and top-10 quality of the ranking
 * model with every held-out item relevant and the user's training items excluded (the
 * ranking-stratified75 definitions, DESIGN.md §4).
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
  const seen = toSparseMatrix(train, shape, 'user');
  const relevant = toSparseMatrix(test, shape, 'user');
  const scores = new Float32Array(shape.items);
  const lists: Int32Array[] = [];
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  const chosen = sample ?? Int32Array.from({ length: shape.users }, (_, u) => u);
  for (const u of chosen) {
    const wanted = row(relevant, u);
    if (wanted.length === 0) continue;
    models.ranking.scoreUser(u, scores);
    const { items } = topN(scores, HOLDOUT_K, row(seen, u));
    const s = rankingScoresAtK(items, wanted, HOLDOUT_K);
    precision += s.precision;
    recall += s.recall;
    ndcg += s.ndcg;
    map += s.averagePrecision;
    lists.push(items);
  }
  const trainedItems = new Set(train.item).size;
  const users = Math.max(1, lists.length);
  return {
    rmse: rmse(test.value, predicted),
    mae: mae(test.value, predicted),
    'precision@10': precision / users,
    'recall@10': recall / users,
    'ndcg@10': ndcg / users,
    'map@10': map / users,
    coverage: catalogueCoverage(lists, trainedItems, shape.items),
  };
}

const row = (matrix: SparseMatrix, r: number): Int32Array =>
  matrix.indices.subarray(matrix.indptr[r]!, matrix.indptr[r + 1]!);
