import type { ScoreShares } from './score-shares.ts';
import type { SimilarItemsTable, SimilarityIndex } from './similar-items.ts';
import { contentSimilarity, similarityRow } from './similar-items.ts';
import { standardisedSum } from './standardised-sum.ts';

/**
 * The content side of a hybrid recommendation for someone known only by a few rated items:
 * affinity(j) = Σ_r w_r · content(j, r), the content part of the similarity index (alpha = 0,
 * see similarityRow; from the version's content-neighbour table when given, so over every
 * content group and 0 for j outside r's stored neighbours) to each rated item r, weighted by
 * w_r = (rating_r − mid) / (max − mid) with mid the middle of the scale, so loved films pull
 * their look-alikes up and disliked ones push theirs down (the item-based profile of
 * content-based filtering, Lops, de Gemmis & Semeraro 2011, "Content-based recommender
 * systems", §3.1). O(rated · items · dim).
 */
export function contentAffinity(
  index: SimilarityIndex,
  items: readonly number[],
  ratings: readonly number[],
  scale: { min: number; max: number },
  content?: SimilarItemsTable,
): Float32Array {
  const out = new Float32Array(index.items);
  const row = new Float32Array(index.items);
  items.forEach((item, r) => {
    const w = affinityWeight(ratings[r]!, scale);
    if (w === 0) return;
    similarityRow(index, item, 0, row, content);
    for (let j = 0; j < out.length; j++) out[j]! += w * row[j]!;
  });
  return out;
}

/** w_r of `contentAffinity`: the rating mapped to [−1, 1] around the middle of the scale. */
function affinityWeight(rating: number, scale: { min: number; max: number }): number {
  const mid = (scale.min + scale.max) / 2;
  const half = scale.max - mid;
  return half > 0 ? (rating - mid) / half : 1;
}

/**
 * Each rated item's share of `contentAffinity` at the targets: w_r · content(target, r), which
 * sums over r to the affinity exactly (score-shares.ts ScoreShares, offset 0).
 * O(targets · rated · (dim + tags)).
 */
export function contentAffinityShares(
  index: SimilarityIndex,
  items: ArrayLike<number>,
  ratings: ArrayLike<number>,
  scale: { min: number; max: number },
  targets: Int32Array,
  content?: SimilarItemsTable,
): ScoreShares {
  const m = items.length;
  const shares = new Float64Array(targets.length * m);
  for (let r = 0; r < m; r++) {
    const w = affinityWeight(ratings[r]!, scale);
    if (w === 0) continue;
    for (let t = 0; t < targets.length; t++) {
      shares[t * m + r] = w * contentSimilarity(index, items[r]!, targets[t]!, content);
    }
  }
  return { targets: targets.length, rated: m, shares, offset: 0 };
}

/**
 * alpha · z(collaborative) + (1 − alpha) · z(content), into `collaborative` (standardisedSum):
 * −Infinity (excluded, unscorable) stays; alpha = 1 keeps the collaborative ranking, alpha = 0
 * ranks by content alone. alpha in [0, 1] is the caller's to check (the API validates it).
 */
export const blendHybridScores = (
  collaborative: Float32Array,
  content: Float32Array,
  alpha: number,
): void => standardisedSum(collaborative, content, alpha, 1 - alpha);
