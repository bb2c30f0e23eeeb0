/**
 * "Because you liked X": each recommendation is explained by the user's well-rated items most
 * similar to it, in the spirit of item-based explanations (Herlocker, Konstan & Riedl 2000,
 * "Explaining collaborative filtering recommendations"; Tintarev & Masthoff 2007). The similarity
 * is passed in (normally `itemSimilarity` of a SimilarityIndex: item factors blended with content),
 * so explanations agree with the "similar items" the app shows.
 */
export interface Reason {
  /** A dense item index the user rated highly. */
  item: number;
  similarity: number;
}

export interface ExplanationOptions {
  /** Reasons per recommendation, most similar first. Default 2. */
  maxReasons?: number;
  /** A liked item is rated at least this and at least the user's own mean. Default 3.5. */
  minRating?: number;
  /** Reasons must be more similar than this. Default 0. */
  minSimilarity?: number;
}

/** Items rated ≥ max(the user's mean rating, minRating): liked in absolute and in personal terms. */
export function likedItems(
  userItems: Int32Array,
  userRatings: Float32Array,
  minRating = 3.5,
): Int32Array {
  if (userItems.length !== userRatings.length) {
    throw new RangeError(`${userItems.length} items but ${userRatings.length} ratings`);
  }
  let sum = 0;
  for (let j = 0; j < userRatings.length; j++) sum += userRatings[j]!;
  const threshold = Math.max(sum / userRatings.length, minRating);
  return userItems.filter((_, j) => userRatings[j]! >= threshold);
}

/** Per recommended item (same order), up to `maxReasons` liked items, most similar first. */
export function explainRecommendations(
  recommended: Int32Array,
  userItems: Int32Array,
  userRatings: Float32Array,
  similarity: (a: number, b: number) => number,
  options: ExplanationOptions = {},
): Reason[][] {
  const maxReasons = options.maxReasons ?? 2;
  const minSimilarity = options.minSimilarity ?? 0;
  const liked = likedItems(userItems, userRatings, options.minRating);
  const ratingOf = new Map<number, number>();
  userItems.forEach((item, j) => ratingOf.set(item, userRatings[j]!));
  return Array.from(recommended, (target) => {
    const reasons: Reason[] = [];
    for (const item of liked) {
      if (item === target) continue;
      const s = similarity(target, item);
      if (s > minSimilarity) reasons.push({ item, similarity: s });
    }
    // Ties: the higher-rated item explains better; then the lower index, for determinism.
    reasons.sort(
      (a, b) =>
        b.similarity - a.similarity ||
        ratingOf.get(b.item)! - ratingOf.get(a.item)! ||
        a.item - b.item,
    );
    return reasons.slice(0, maxReasons);
  });
}
