import type { Ratings } from '../dataset/dataset.ts';
import type { SparseMatrix } from '../dataset/sparse-matrix.ts';
import { toSparseMatrix } from '../dataset/sparse-matrix.ts';
import type { RankingModel } from '../models/ranking-model.ts';
import { topN } from '../models/top-n.ts';
import type { OnProgress } from '../progress.ts';
import { catalogueCoverage, rankingScoresAtK } from './ranking-metrics.ts';

export const RANKING_K = 10;

export interface RankingMetrics {
  'precision@10': number;
  'recall@10': number;
  'ndcg@10': number;
  'map@10': number;
  coverage: number;
}

/**
 * Top-10 quality of a ranking model on held-out ratings, defined like Microsoft Recommenders'
 * python_evaluation. Every test rating is relevant. The users averaged are those with at least one
 * test AND one train rating: the anchor averages over users both in the test set and in the
 * predictions, which its models make for training users only, so a user whose ratings all fell
 * in test is left out rather than scored from nothing. Each of them gets the model's k = 10 best
 * items among those they did not rate in `train` (so their test items are candidates); precision,
 * recall, nDCG and MAP are per-user means (ranking-metrics.ts); coverage = distinct recommended
 * items / items rated in train. No user to average gives 0 for every metric.
 */
export function topNQuality(
  model: RankingModel,
  train: Ratings,
  test: Ratings,
  shape: { users: number; items: number },
  options: {
    /** Score only these users (ascending); default every user. */
    users?: Int32Array;
    onProgress?: OnProgress;
  } = {},
): RankingMetrics {
  const seen = toSparseMatrix(train, shape, 'user');
  const relevant = toSparseMatrix(test, shape, 'user');
  const scores = new Float32Array(shape.items);
  const lists: Int32Array[] = [];
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  const chosen = options.users ?? Int32Array.from({ length: shape.users }, (_, u) => u);
  for (let n = 0; n < chosen.length; n++) {
    const u = chosen[n]!;
    const truth = row(relevant, u);
    if (truth.length > 0 && seen.indptr[u + 1]! > seen.indptr[u]!) {
      model.scoreUser(u, scores);
      const { items } = topN(scores, RANKING_K, row(seen, u));
      const s = rankingScoresAtK(items, truth, RANKING_K);
      precision += s.precision;
      recall += s.recall;
      ndcg += s.ndcg;
      map += s.averagePrecision;
      lists.push(items);
    }
    if (n % 256 === 255)
      options.onProgress?.({ step: 'recommend', done: n + 1, total: chosen.length });
  }
  options.onProgress?.({ step: 'recommend', done: chosen.length, total: chosen.length });

  const rated = new Uint8Array(shape.items);
  for (let k = 0; k < train.item.length; k++) rated[train.item[k]!] = 1;
  let trainedItems = 0;
  for (let i = 0; i < shape.items; i++) trainedItems += rated[i]!;
  const evaluated = Math.max(1, lists.length);
  return {
    'precision@10': precision / evaluated,
    'recall@10': recall / evaluated,
    'ndcg@10': ndcg / evaluated,
    'map@10': map / evaluated,
    coverage: catalogueCoverage(lists, trainedItems, shape.items),
  };
}

const row = (matrix: SparseMatrix, r: number): Int32Array =>
  matrix.indices.subarray(matrix.indptr[r]!, matrix.indptr[r + 1]!);
