import { describe, expect, it } from 'vitest';
import {
  explainRecommendations,
  likedItems,
} from '../../../../lambdas/core/models/explanations.ts';
import {
  createSimilarityIndex,
  itemSimilarity,
} from '../../../../lambdas/core/models/similar-items.ts';

// Items 0–1 point one way, 2–3 another, 4 in between, 5 opposite to 0.
const factors = new Float32Array([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9, 0.7, 0.7, -1, 0]);
const index = createSimilarityIndex({ itemFactors: factors, k: 2, content: null }, { blend: 1 });
const similarity = (a: number, b: number) => itemSimilarity(index, a, b);

describe('explanations', () => {
  it('liked means at least the user mean and at least the floor', () => {
    const items = new Int32Array([0, 1, 2, 3]);
    expect(Array.from(likedItems(items, new Float32Array([5, 4, 3, 2])))).toEqual([0, 1]);
    expect(Array.from(likedItems(items, new Float32Array([5, 4, 4.5, 3])))).toEqual([0, 2]);
    expect(Array.from(likedItems(items, new Float32Array([3, 3, 2, 1])))).toEqual([]);
    expect(Array.from(likedItems(items, new Float32Array([3, 3, 2, 1]), 2.5))).toEqual([0, 1]);
  });

  it('picks the most similar liked item for each recommendation', () => {
    const userItems = new Int32Array([1, 3, 2]);
    const userRatings = new Float32Array([5, 4.5, 1]); // item 2 is disliked
    const reasons = explainRecommendations(
      new Int32Array([0, 2, 4]),
      userItems,
      userRatings,
      similarity,
      {
        maxReasons: 1,
      },
    );
    expect(reasons.map((r) => r.map((x) => x.item))).toEqual([[1], [3], [1]]);
    expect(reasons[0]![0]!.similarity).toBeCloseTo(similarity(0, 1), 6);
  });

  it('lists several reasons best first, skips the item itself and dissimilar items', () => {
    const userItems = new Int32Array([0, 1, 3]);
    const userRatings = new Float32Array([5, 5, 5]);
    const [forOne, forFive] = explainRecommendations(
      new Int32Array([1, 5]),
      userItems,
      userRatings,
      similarity,
      { maxReasons: 3 },
    );
    expect(forOne!.map((r) => r.item)).toEqual([0, 3]);
    expect(forOne![0]!.similarity).toBeGreaterThan(forOne![1]!.similarity);
    expect(forFive).toEqual([]); // item 5 is opposite to everything the user liked
  });

  it('breaks similarity ties by the higher rating', () => {
    const reasons = explainRecommendations(
      new Int32Array([9]),
      new Int32Array([1, 2, 3]),
      new Float32Array([4.5, 5, 1]),
      () => 0.5,
      { maxReasons: 3 },
    );
    expect(reasons[0]!.map((r) => r.item)).toEqual([2, 1]);
  });
});
