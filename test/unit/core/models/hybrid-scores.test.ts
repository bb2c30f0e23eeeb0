import { describe, expect, it } from 'vitest';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';
import {
  blendHybridScores,
  contentAffinity,
  contentAffinityShares,
} from '../../../../lambdas/core/models/hybrid-scores.ts';
import { createSimilarityIndex } from '../../../../lambdas/core/models/similar-items.ts';
import { topN } from '../../../../lambdas/core/models/top-n.ts';

const order = (scores: Float32Array) => [...topN(scores, scores.length).items];

describe('blendHybridScores', () => {
  const collaborative = () => Float32Array.of(3, 2, 1, -Infinity, 0);
  const content = Float32Array.of(0, 10, 20, 30, 40);

  it('keeps the collaborative ranking at 1 and ranks by content at 0', () => {
    const one = collaborative();
    blendHybridScores(one, content, 1);
    expect(order(one)).toEqual([0, 1, 2, 4]);
    const zero = collaborative();
    blendHybridScores(zero, content, 0);
    expect(order(zero)).toEqual([4, 2, 1, 0]);
  });

  it('weighs the two sides equally at 0.5 whatever their scales, and keeps −Infinity', () => {
    const half = collaborative();
    blendHybridScores(
      half,
      Float32Array.from(content, (c) => c * 1000),
      0.5,
    );
    // Each side is standardised to mean 0 over the scored items, so the blend sums to 0.
    expect(half[3]).toBe(-Infinity);
    expect(half[0]! + half[1]! + half[2]! + half[4]!).toBeCloseTo(0, 4);
  });
});

describe('contentAffinity', () => {
  const movies = [
    { genres: ['Comedy'], year: null },
    { genres: ['Comedy'], year: null },
    { genres: ['Horror'], year: null },
    { genres: ['Horror'], year: null },
  ];
  const index = createSimilarityIndex(
    { itemFactors: null, k: 0, content: buildContentFeatures(movies, []) },
    { blend: 0 },
  );

  it('pulls up the look-alikes of loved films and pushes down those of disliked ones', () => {
    const affinity = contentAffinity(index, [0, 2], [5, 1], { min: 1, max: 5 });
    expect(affinity[1]).toBeGreaterThan(0); // a comedy, like the loved one
    expect(affinity[3]).toBeLessThan(0); // a horror film, like the disliked one
  });

  it('splits into one share per rated film that sums to the affinity', () => {
    const rated = [0, 2, 3];
    const ratings = [5, 1.5, 4];
    const affinity = contentAffinity(index, rated, ratings, { min: 1, max: 5 });
    const targets = Int32Array.from([1, 0, 3]);
    const shares = contentAffinityShares(index, rated, ratings, { min: 1, max: 5 }, targets);
    targets.forEach((target, t) => {
      const parts = shares.shares.subarray(t * 3, t * 3 + 3);
      expect(parts.reduce((a, b) => a + b, shares.offset)).toBeCloseTo(affinity[target]!, 5);
    });
    // Film 1, a comedy: raised by the loved comedy, lowered by the disliked horror film.
    expect(shares.shares[0]).toBeGreaterThan(0);
    expect(shares.shares[1]).toBeLessThanOrEqual(0);
  });

  it('gives a mid-scale rating no pull either way', () => {
    const affinity = contentAffinity(index, [0], [3], { min: 1, max: 5 });
    expect([...affinity]).toEqual([0, 0, 0, 0]);
  });
});
