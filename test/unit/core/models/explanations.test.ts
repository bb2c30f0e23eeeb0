import { describe, expect, it } from 'vitest';
import { reasonsFromShares } from '../../../../lambdas/core/models/explanations.ts';
import type { ScoreShares } from '../../../../lambdas/core/models/score-shares.ts';

const rated = {
  items: Int32Array.from([4, 9, 2, 7]),
  values: Float32Array.from([5, 3, 4, 4]),
};
const sharesOf = (rows: number[][], offset = 0): ScoreShares => ({
  targets: rows.length,
  rated: rated.items.length,
  shares: Float64Array.from(rows.flat()),
  offset,
});

describe('reasonsFromShares', () => {
  it('names the rated items with the largest shares, at most two, largest first', () => {
    const reasons = reasonsFromShares(
      sharesOf([
        [0.1, 0.5, 0.3, 0.2],
        [0.4, -1, 0.05, 0.9],
      ]),
      rated,
    );
    expect(reasons).toEqual([
      [9, 2],
      [7, 4],
    ]);
  });

  it('counts only items that raised the score: none raised it, no reason', () => {
    const reasons = reasonsFromShares(
      sharesOf(
        [
          [-0.2, 0, -0.1, 0.3],
          [-0.2, 0, -0.1, -0.3],
        ],
        5,
      ),
      rated,
    );
    expect(reasons).toEqual([[7], []]);
  });

  it('breaks ties by the higher rating, then the lower item', () => {
    expect(reasonsFromShares(sharesOf([[0.5, 0.5, 0.5, 0.5]]), rated)).toEqual([[4, 2]]);
    expect(reasonsFromShares(sharesOf([[0, 0.5, 0.5, 0.5]]), rated)).toEqual([[2, 7]]);
  });

  it('honours maxReasons and lists for every target when nothing is rated', () => {
    expect(reasonsFromShares(sharesOf([[1, 2, 3, 4]]), rated, { maxReasons: 3 })).toEqual([
      [7, 2, 9],
    ]);
    const none = { items: new Int32Array(0), values: new Float32Array(0) };
    const empty: ScoreShares = { targets: 2, rated: 0, shares: new Float64Array(0), offset: 1 };
    expect(reasonsFromShares(empty, none)).toEqual([[], []]);
  });
});
