import { describe, expect, it } from 'vitest';
import { topN } from '../../../../lambdas/core/models/top-n.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

/** Reference: full sort by score descending, then index ascending. */
function bySort(scores: Float32Array, k: number, excluded: Set<number>): number[] {
  return [...scores.keys()]
    .filter((i) => !excluded.has(i) && scores[i]! > -Infinity)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k);
}

describe('topN', () => {
  it('returns the k best, best first, with their scores', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.7, 0.3]);
    const { items, scores: top } = topN(scores, 3);
    expect([...items]).toEqual([1, 3, 2]);
    expect([...top]).toEqual([scores[1], scores[3], scores[2]]);
  });

  it('breaks ties by the lower item index', () => {
    const scores = Float32Array.from([1, 2, 2, 1, 2, 1]);
    expect([...topN(scores, 4).items]).toEqual([1, 2, 4, 0]);
  });

  it('honours a sorted exclusion list and a mask alike', () => {
    const scores = Float32Array.from([5, 4, 3, 2, 1]);
    expect([...topN(scores, 2, Int32Array.from([0, 2])).items]).toEqual([1, 3]);
    expect([...topN(scores, 2, Uint8Array.from([1, 0, 1, 0, 0])).items]).toEqual([1, 3]);
  });

  it('never returns −Infinity or NaN items and copes with k > n', () => {
    const scores = Float32Array.from([-Infinity, 1, NaN, 0]);
    expect([...topN(scores, 10).items]).toEqual([1, 3]);
    expect(topN(scores, 0).items.length).toBe(0);
  });

  it('matches a full sort on random scores with many ties', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.int(300);
      const scores = Float32Array.from({ length: n }, () => rng.int(20) / 4);
      const excludedList = [...new Set(Array.from({ length: rng.int(n) }, () => rng.int(n)))].sort(
        (a, b) => a - b,
      );
      const k = 1 + rng.int(30);
      const got = topN(scores, k, Int32Array.from(excludedList));
      expect([...got.items]).toEqual(bySort(scores, k, new Set(excludedList)));
    }
  });
});
