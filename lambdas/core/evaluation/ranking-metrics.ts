/**
 * Top-k ranking metrics with binary relevance, defined like Microsoft Recommenders'
 * python_evaluation so our figures compare with its ML-100K table. Reads use `!` on typed arrays.
 */

export interface RankingScores {
  /** hits / k. */
  precision: number;
  /** hits / |relevant|. */
  recall: number;
  /** DCG / ideal DCG with binary gain, ideal over min(|relevant|, k) hits. */
  ndcg: number;
  /** Σ over hits of precision at the hit's rank, / |relevant| (MS Recommenders' map_at_k). */
  averagePrecision: number;
}

/**
 * Scores one user's ranked list against the user's relevant items (`relevant` ascending, non-
 * empty). DCG = Σ_{hits at rank r} 1/log2(r + 1) (Järvelin & Kekäläinen 2002, binary gain).
 */
export function rankingScoresAtK(
  recommended: Int32Array,
  relevant: Int32Array,
  k: number,
): RankingScores {
  if (relevant.length === 0) throw new RangeError('a user without relevant items has no scores');
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  const depth = Math.min(k, recommended.length);
  for (let r = 0; r < depth; r++) {
    if (!containsSorted(relevant, recommended[r]!)) continue;
    hits++;
    dcg += 1 / Math.log2(r + 2);
    precisionSum += hits / (r + 1);
  }
  let idcg = 0;
  const ideal = Math.min(relevant.length, k);
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return {
    precision: hits / k,
    recall: hits / relevant.length,
    ndcg: dcg / idcg,
    averagePrecision: precisionSum / relevant.length,
  };
}

/** Binary search in an ascending Int32Array. */
function containsSorted(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Catalogue coverage: distinct items appearing in any list / `catalogueSize` (items seen in
 * training).
 */
export function catalogueCoverage(
  lists: Int32Array[],
  catalogueSize: number,
  items: number,
): number {
  const seen = new Uint8Array(items);
  let distinct = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      const item = list[r]!;
      if (seen[item] === 0) {
        seen[item] = 1;
        distinct++;
      }
    }
  }
  return catalogueSize === 0 ? 0 : distinct / catalogueSize;
}

/**
 * Recall@k as Liang et al. 2018 define it for strong generalisation: hits in the first k of
 * `recommended` / min(k, |relevant|), so a user with fewer than k relevant items can reach 1.
 * `relevant` ascending, non-empty.
 */
export function cappedRecallAtK(recommended: Int32Array, relevant: Int32Array, k: number): number {
  if (relevant.length === 0) throw new RangeError('a user without relevant items has no recall');
  let hits = 0;
  const depth = Math.min(k, recommended.length);
  for (let r = 0; r < depth; r++) if (containsSorted(relevant, recommended[r]!)) hits++;
  return hits / Math.min(k, relevant.length);
}
