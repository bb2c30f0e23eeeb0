import { topN } from '../models/top-n.ts';
import type { HeldoutUser } from './heldout-users-split.ts';
import { cappedRecallAtK, rankingScoresAtK } from './ranking-metrics.ts';

/** Scores every item for someone known only by (item, rating) pairs, items ascending. */
export type FoldInScorer = (items: Int32Array, ratings: Float32Array, out: Float32Array) => void;

export interface FoldInMetrics {
  'ndcg@10': number;
  'ndcg@100': number;
  'recall@20': number;
  'recall@50': number;
}

/**
 * Strong-generalisation quality (Liang et al. 2018): each held-out user is scored from their
 * folded-in items alone, the folded-in items are never candidates, and the top 100 are judged
 * against the user's test items. nDCG@k has binary gain and an ideal of min(|test|, k) hits
 * (ranking-metrics.ts); recall@k = hits / min(k, |test|) (cappedRecallAtK). Means over the
 * held-out users; none gives zeros.
 */
export function foldInQuality(
  users: readonly HeldoutUser[],
  items: number,
  scorer: FoldInScorer,
): FoldInMetrics {
  const scores = new Float32Array(items);
  const sums = { 'ndcg@10': 0, 'ndcg@100': 0, 'recall@20': 0, 'recall@50': 0 };
  for (const user of users) {
    scorer(user.foldIn, user.foldInValues, scores);
    const list = topN(scores, 100, user.foldIn).items;
    sums['ndcg@10'] += rankingScoresAtK(list.subarray(0, 10), user.test, 10).ndcg;
    sums['ndcg@100'] += rankingScoresAtK(list, user.test, 100).ndcg;
    sums['recall@20'] += cappedRecallAtK(list, user.test, 20);
    sums['recall@50'] += cappedRecallAtK(list, user.test, 50);
  }
  const n = Math.max(1, users.length);
  return {
    'ndcg@10': sums['ndcg@10'] / n,
    'ndcg@100': sums['ndcg@100'] / n,
    'recall@20': sums['recall@20'] / n,
    'recall@50': sums['recall@50'] / n,
  };
}
