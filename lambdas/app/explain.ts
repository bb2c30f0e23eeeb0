import { neighboursOf } from '../core/models/similar-items.ts';
import type { ModelVersion } from './model-version.ts';

/** Reasons per recommendation: at most this many of the user's movies. */
const REASONS = 2;

/**
 * "Because you liked X": for each recommended item, the user's well-rated movies that the
 * version's similar-items table links to it (in either direction), most similar first. A rating
 * counts as liked at or above the user's own mean, so harsh and generous raters both get reasons.
 */
export function explain(
  version: ModelVersion,
  recommended: Int32Array,
  rated: { items: Int32Array; values: Float32Array },
): number[][] {
  let mean = 0;
  for (let j = 0; j < rated.values.length; j++) mean += rated.values[j]!;
  mean /= Math.max(1, rated.values.length);
  const liked = new Set<number>();
  for (let j = 0; j < rated.items.length; j++) {
    if (rated.values[j]! >= mean) liked.add(rated.items[j]!);
  }
  // Reverse links: liked movie l lists r among its neighbours.
  const reverse = new Map<number, { item: number; score: number }[]>();
  for (const l of liked) {
    const { items, scores } = neighboursOf(version.similar, l);
    items.forEach((r, n) => {
      let list = reverse.get(r);
      if (list === undefined) reverse.set(r, (list = []));
      list.push({ item: l, score: scores[n]! });
    });
  }
  return Array.from(recommended, (r) => {
    const reasons = new Map<number, number>();
    const { items, scores } = neighboursOf(version.similar, r);
    items.forEach((l, n) => {
      if (liked.has(l)) reasons.set(l, Math.max(reasons.get(l) ?? 0, scores[n]!));
    });
    for (const { item, score } of reverse.get(r) ?? []) {
      reasons.set(item, Math.max(reasons.get(item) ?? 0, score));
    }
    return [...reasons]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, REASONS)
      .map(([item]) => item);
  });
}
