import type { Dataset } from '../dataset/dataset.ts';
import { itemCount, userCount } from '../dataset/dataset.ts';
import { selectRatings, toSparseMatrix } from '../dataset/sparse-matrix.ts';
import { trainRankingModel, type RankingParams } from '../models/ranking-model.ts';
import { topN } from '../models/top-n.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import { catalogueCoverage, rankingScoresAtK } from './ranking-metrics.ts';
import { stratifiedSplit } from './stratified-split.ts';

export const RANKING_K = 10;
export const RANKING_TRAIN_RATIO = 0.75;

export interface RankingMetrics {
  'precision@10': number;
  'recall@10': number;
  'ndcg@10': number;
  'map@10': number;
  coverage: number;
}

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
 * The `ranking-stratified75` protocol (DESIGN.md §4), comparable with Microsoft Recommenders'
 * ML-100K table: per user 75% of the ratings (seeded shuffle, `python_stratified_split`) train
 * the ranking model, the other 25% are all relevant; for every user with test items the model
 * recommends k = 10 items the user has not rated in train. Metrics are means over those users
 * (see ranking-metrics.ts); coverage = distinct recommended items / items rated in train.
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

  const seen = toSparseMatrix(train, shape, 'user');
  const relevant = toSparseMatrix(test, shape, 'user');
  const scores = new Float32Array(shape.items);
  const lists: Int32Array[] = [];
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  for (let u = 0; u < shape.users; u++) {
    const truth = relevant.indices.subarray(relevant.indptr[u], relevant.indptr[u + 1]);
    if (truth.length === 0) continue;
    model.scoreUser(u, scores);
    const { items } = topN(
      scores,
      RANKING_K,
      seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]),
    );
    const s = rankingScoresAtK(items, truth, RANKING_K);
    precision += s.precision;
    recall += s.recall;
    ndcg += s.ndcg;
    map += s.averagePrecision;
    lists.push(items);
    if (u % 256 === 255)
      options.onProgress?.({ step: 'recommend', done: u + 1, total: shape.users });
  }
  options.onProgress?.({ step: 'recommend', done: shape.users, total: shape.users });
  const predictEnd = options.now();

  const rated = new Uint8Array(shape.items);
  for (let k = 0; k < train.item.length; k++) rated[train.item[k]!] = 1;
  let trainedItems = 0;
  for (let i = 0; i < shape.items; i++) trainedItems += rated[i]!;
  const evaluated = Math.max(1, lists.length);
  const metrics: RankingMetrics = {
    'precision@10': precision / evaluated,
    'recall@10': recall / evaluated,
    'ndcg@10': ndcg / evaluated,
    'map@10': map / evaluated,
    coverage: catalogueCoverage(lists, trainedItems, shape.items),
  };
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
