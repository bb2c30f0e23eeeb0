import type { SimilarityIndex } from './similar-items.ts';
import { similarityRow } from './similar-items.ts';

/**
 * The content side of a hybrid recommendation for someone known only by a few rated items:
 * affinity(j) = Σ_r w_r · content(j, r), the content part of the similarity index (alpha = 0,
 * see similarityRow) to each rated item r, weighted by w_r = (rating_r − mid) / (max − mid) with
 * mid the middle of the scale, so loved films pull their look-alikes up and disliked ones push
 * theirs down (the item-based profile of content-based filtering, Lops, de Gemmis & Semeraro
 * 2011, "Content-based recommender systems", §3.1). O(rated · items · dim).
 */
export function contentAffinity(
  index: SimilarityIndex,
  items: readonly number[],
  ratings: readonly number[],
  scale: { min: number; max: number },
): Float32Array {
  const out = new Float32Array(index.items);
  const row = new Float32Array(index.items);
  const mid = (scale.min + scale.max) / 2;
  const half = scale.max - mid;
  items.forEach((item, r) => {
    const w = half > 0 ? (ratings[r]! - mid) / half : 1;
    if (w === 0) return;
    similarityRow(index, item, 0, row);
    for (let j = 0; j < out.length; j++) out[j]! += w * row[j]!;
  });
  return out;
}

/**
 * alpha · z(collaborative) + (1 − alpha) · z(content), into `collaborative`: each side
 * standardised over the items the collaborative side scores (finite), so neither scale wins by
 * accident (the score-level blend of ranking-blend.ts). −Infinity (excluded, unscorable) stays.
 * alpha = 1 leaves the ranking of the collaborative scores as it was; alpha = 0 ranks by content.
 */
export function blendHybridScores(
  collaborative: Float32Array,
  content: Float32Array,
  alpha: number,
): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (content.length !== collaborative.length) {
    throw new RangeError(`content has ${content.length} scores, expected ${collaborative.length}`);
  }
  const a = moments(collaborative, collaborative);
  const b = moments(content, collaborative);
  const scaleA = alpha / a.sd;
  const scaleB = (1 - alpha) / b.sd;
  for (let i = 0; i < collaborative.length; i++) {
    const x = collaborative[i]!;
    if (x > -Infinity) collaborative[i] = (x - a.mean) * scaleA + (content[i]! - b.mean) * scaleB;
  }
}

/** Mean and standard deviation (at least 1e-15) of `values` where `scored` is finite. */
function moments(values: Float32Array, scored: Float32Array): { mean: number; sd: number } {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(scored[i]! > -Infinity)) continue;
    n++;
    sum += values[i]!;
    sq += values[i]! ** 2;
  }
  const mean = n === 0 ? 0 : sum / n;
  return { mean, sd: Math.max(Math.sqrt(Math.max(n === 0 ? 0 : sq / n - mean * mean, 0)), 1e-15) };
}
