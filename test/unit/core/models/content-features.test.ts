import { describe, expect, it } from 'vitest';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';

describe('content features', () => {
  const features = buildContentFeatures(
    [
      { genres: ['Drama', 'Comedy'], year: 1995 },
      { genres: ['Comedy'], year: null },
      { genres: ['(no genres listed)'], year: 2001 },
    ],
    [
      { item: 0, tag: 'fun' },
      { item: 0, tag: 'fun' },
      { item: 0, tag: 'Dark' },
      { item: 1, tag: ' FUN ' },
    ],
  );

  it('holds L2-normalised genre indicators, ignoring the no-genre marker', () => {
    expect(features.genres).toEqual(['Comedy', 'Drama']);
    expect(Array.from(features.genreVectors)).toEqual(
      [Math.SQRT1_2, Math.SQRT1_2, 1, 0, 0, 0].map(Math.fround),
    );
    expect(Array.from(features.years)).toEqual([1995, -1, 2001]);
  });

  it('weights tags by sublinear TF-IDF, merging case and spacing', () => {
    expect(features.tags).toEqual(['fun', 'dark']);
    const fun = 1 + Math.log(2); // applied twice, idf ln(3/3) + 1 = 1
    const dark = Math.log(3 / 2) + 1; // applied once, on one of two tagged items
    const norm = Math.hypot(fun, dark);
    expect(Array.from(features.tagIndptr)).toEqual([0, 2, 3, 3]);
    expect(Array.from(features.tagIndices)).toEqual([0, 1, 0]);
    expect(features.tagWeights[0]).toBeCloseTo(fun / norm, 6);
    expect(features.tagWeights[1]).toBeCloseTo(dark / norm, 6);
    expect(features.tagWeights[2]).toBeCloseTo(1, 6);
  });

  it('rejects tags for unknown items', () => {
    expect(() =>
      buildContentFeatures([{ genres: [], year: null }], [{ item: 1, tag: 'x' }]),
    ).toThrow(RangeError);
  });
});
