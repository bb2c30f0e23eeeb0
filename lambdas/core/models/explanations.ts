import type { RatedItems, ScoreShares } from './score-shares.ts';

/**
 * "Because you rated X": each recommendation is explained by the rated items with the largest
 * shares of its score under the model that ranked it (score-shares.ts), the influence-style
 * explanation of Hu, Koren & Volinsky 2008 (§5) rather than a separate similarity (Herlocker,
 * Konstan & Riedl 2000, "Explaining collaborative filtering recommendations", on why an
 * explanation should reflect how the recommendation was made). Only items that raised the score
 * (share > 0) count; a recommendation none raised gets no reason rather than an invented one.
 */
export interface ExplanationOptions {
  /** Reasons per recommendation, largest share first. Default 2. */
  maxReasons?: number;
}

/**
 * Per target (same order as when the shares were computed), up to `maxReasons` rated items
 * (dense indices), largest positive share first; ties go to the higher-rated item, then the
 * lower index, for determinism.
 */
export function reasonsFromShares(
  shares: ScoreShares,
  rated: RatedItems,
  options: ExplanationOptions = {},
): number[][] {
  const maxReasons = options.maxReasons ?? 2;
  const m = shares.rated;
  if (m !== rated.items.length) {
    throw new RangeError(`shares of ${m} rated items, ${rated.items.length} given`);
  }
  const reasons: number[][] = [];
  for (let t = 0; t < shares.targets; t++) {
    const positive: number[] = [];
    for (let r = 0; r < m; r++) if (shares.shares[t * m + r]! > 0) positive.push(r);
    positive.sort(
      (a, b) =>
        shares.shares[t * m + b]! - shares.shares[t * m + a]! ||
        rated.values[b]! - rated.values[a]! ||
        rated.items[a]! - rated.items[b]!,
    );
    reasons.push(positive.slice(0, maxReasons).map((r) => rated.items[r]!));
  }
  return reasons;
}
