import type { Reason } from '../core/models/explanations.ts';
import { explainRecommendations } from '../core/models/explanations.ts';
import { itemSimilarity } from '../core/models/similar-items.ts';
import type { ModelVersion } from './model-version.ts';

/**
 * "Because you liked X" for each recommended item: the user's well-rated movies most similar to
 * it under the version's item similarity (the same latent + content blend as its similar-items
 * lists).
 */
export function explain(
  version: Pick<ModelVersion, 'similarity'>,
  recommended: Int32Array,
  rated: { items: Int32Array; values: Float32Array },
): number[][] {
  const reasons = explainRecommendations(recommended, rated.items, rated.values, (a, b) =>
    itemSimilarity(version.similarity, a, b),
  );
  return reasons.map((list: Reason[]) => list.map((reason) => reason.item));
}
