import { describe, expect, it } from 'vitest';
import { itemCount, userCount } from '../../../../lambdas/core/dataset/dataset.ts';
import { selectRatings, toSparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { rankingScoresAtK } from '../../../../lambdas/core/evaluation/ranking-metrics.ts';
import { evaluateRankingStratified75 } from '../../../../lambdas/core/evaluation/ranking-stratified75.ts';
import { stratifiedSplit } from '../../../../lambdas/core/evaluation/stratified-split.ts';
import { topN } from '../../../../lambdas/core/models/top-n.ts';
import { createRng } from '../../../../lambdas/core/random.ts';
import { BUILT_IN_DATASET, loadDataset } from '../../../../lambdas/local/load-dataset.ts';

const { dataset } = await loadDataset(BUILT_IN_DATASET);
let tick = 0;
const now = () => tick++;
// A quick EASE over the ~800 items with ≥ 25 training ratings keeps this test to seconds.
const params = { model: 'ease' as const, ease: { minCount: 25 } };

/** nDCG@10 of recommending the most-rated training items on the protocol's own split. */
function popularityNdcg(seed: number): number {
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const split = stratifiedSplit(dataset.ratings, shape.items, {
    by: 'item',
    ratio: 0.75,
    seed: createRng(seed).int(2 ** 31),
  });
  const train = selectRatings(dataset.ratings, split.train);
  const seen = toSparseMatrix(train, shape, 'user');
  const relevant = toSparseMatrix(selectRatings(dataset.ratings, split.test), shape, 'user');
  const counts = new Float32Array(shape.items);
  for (const item of train.item) counts[item]! += 1;
  let sum = 0;
  let users = 0;
  for (let u = 0; u < shape.users; u++) {
    const truth = relevant.indices.subarray(relevant.indptr[u], relevant.indptr[u + 1]);
    const own = seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]);
    if (truth.length === 0 || own.length === 0) continue;
    const { items } = topN(counts, 10, own);
    sum += rankingScoresAtK(items, truth, 10).ndcg;
    users++;
  }
  return sum / users;
}

describe('evaluateRankingStratified75 on ml-latest-small', () => {
  const protocol = 'ranking-stratified75';
  const result = evaluateRankingStratified75(dataset, { protocol, seed: 42, params, now });

  it('reports the protocol, one fold and the five metrics', () => {
    expect(result.protocol).toBe('ranking-stratified75');
    expect(result.model.name).toBe('ease');
    expect(result.folds).toHaveLength(1);
    expect(result.folds[0]).toMatchObject(result.metrics);
    for (const value of Object.values(result.metrics)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(result.timings.fit_s).toBe(1);
  });

  it('clearly beats recommending the most popular movies', () => {
    const popular = popularityNdcg(42);
    expect(result.metrics['ndcg@10']).toBeGreaterThan(1.5 * popular);
  });

  it('is deterministic for a seed', () => {
    const again = evaluateRankingStratified75(dataset, { protocol, seed: 42, params, now });
    expect(again.metrics).toEqual(result.metrics);
  });

  it('splits per user under ranking-stratified75-user', () => {
    const perUser = evaluateRankingStratified75(dataset, {
      protocol: 'ranking-stratified75-user',
      seed: 42,
      params,
      now,
    });
    expect(perUser.protocol).toBe('ranking-stratified75-user');
    expect(perUser.metrics['ndcg@10']).not.toBe(result.metrics['ndcg@10']);
    expect(perUser.metrics['ndcg@10']).toBeGreaterThan(1.5 * popularityNdcg(42));
  });
});
