import { describe, expect, it } from 'vitest';
import { topNQuality } from '../../../../lambdas/core/evaluation/top-n-quality.ts';
import type { RankingModel } from '../../../../lambdas/core/models/ranking-model.ts';
import { ratingsOf } from '../models/ranking-fixtures.ts';

const items = 15;
const shape = { users: 5, items };

/** A model that ranks items by index for every user (item 0 best): the lists are known by hand. */
const byIndex: RankingModel = {
  kind: 'ease',
  params: {},
  users: shape.users,
  items,
  scoreUser: (_user, out) => {
    for (let i = 0; i < items; i++) out[i] = items - i;
  },
  foldIn: () => {
    throw new Error('not used by topNQuality');
  },
  lossHistory: [],
  toArtifact: () => {
    throw new Error('not used by topNQuality');
  },
};

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);
const rated = (user: number, list: number[]) =>
  list.map((item): [number, number, number] => [user, item, 4]);

// user 0: train {0, 1}, test {2, 5, 11}
// user 1: train {2},    test {1, 11}
// user 2: no train,     test {0}        → not averaged (nothing to score the user from)
// user 3: train {3..14}, no test         → not averaged (nothing to find)
// user 4: train {11},   test {0..10}    → 11 relevant items, more than k = 10
const train = ratingsOf([
  ...rated(0, [0, 1]),
  ...rated(1, [2]),
  ...rated(3, range(3, 14)),
  ...rated(4, [11]),
]);
const test = ratingsOf([
  ...rated(0, [2, 5, 11]),
  ...rated(1, [1, 11]),
  ...rated(2, [0]),
  ...rated(4, range(0, 10)),
]);

describe('topNQuality', () => {
  it('matches every metric computed by hand from the anchor definitions', () => {
    // Candidates exclude each user's training items, so the top-10 lists are
    //   user 0: 2 3 4 5 6 7 8 9 10 11   hits 2, 5, 11 at ranks 1, 4, 10
    //   user 1: 0 1 3 4 5 6 7 8 9 10    hit 1 at rank 2 (11 is ranked 11th)
    //   user 4: 0 1 2 3 4 5 6 7 8 9     hits at every rank 1..10
    // precision@10 = hits / 10:            0.3, 0.1, 1         → mean 1.4 / 3 = 0.466667
    // recall@10 = hits / |test|:           3/3, 1/2, 10/11     → mean 0.803030
    // nDCG@10, binary gain, DCG = Σ_hits 1 / log2(rank + 1), ideal over min(|test|, 10) hits:
    //   user 0: (1 + 1/log2 5 + 1/log2 11) / (1 + 1/log2 3 + 1/log2 4)
    //         = (1 + 0.430677 + 0.289065) / (1 + 0.630930 + 0.5) = 0.807038
    //   user 1: (1/log2 3) / (1 + 1/log2 3) = 0.630930 / 1.630930 = 0.386853
    //   user 4: 1                                                      → mean 0.731297
    // MAP@10 (Microsoft's `map`): Σ_hits precision at the hit's rank / |test|:
    //   user 0: (1/1 + 2/4 + 3/10) / 3 = 0.6
    //   user 1: (1/2) / 2 = 0.25
    //   user 4: (1 + 1 + … + 1) / 11 = 10/11 (map_at_k would divide by min(11, 10) and give 1)
    //                                                                  → mean 0.586364
    // coverage = distinct recommended items {0..11} / items rated in train {0..14} = 12/15 = 0.8
    const metrics = topNQuality(byIndex, train, test, shape);
    expect(metrics['precision@10']).toBeCloseTo(0.466667, 6);
    expect(metrics['recall@10']).toBeCloseTo(0.80303, 5);
    expect(metrics['ndcg@10']).toBeCloseTo(0.731297, 6);
    expect(metrics['map@10']).toBeCloseTo(0.586364, 6);
    expect(metrics.coverage).toBeCloseTo(0.8, 10);
  });

  it('averages only the users asked for, among those with train and test ratings', () => {
    // User 1 alone: P 0.1, R 0.5, nDCG 0.386853, AP 0.25; its list covers 10 of 15 items.
    // User 2 (test items, no train) and user 3 (no test items) add nothing when asked for.
    const metrics = topNQuality(byIndex, train, test, shape, { users: Int32Array.of(1, 2, 3) });
    expect(metrics['precision@10']).toBeCloseTo(0.1, 10);
    expect(metrics['recall@10']).toBeCloseTo(0.5, 10);
    expect(metrics['ndcg@10']).toBeCloseTo(0.386853, 6);
    expect(metrics['map@10']).toBeCloseTo(0.25, 10);
    expect(metrics.coverage).toBeCloseTo(10 / 15, 10);
  });

  it('never recommends a training item, even one the model scores highest', () => {
    // Only user 0 has test items here: its train items 0 and 1 top the model's scores.
    const own = ratingsOf(rated(0, [0, 1]));
    const wanted = ratingsOf(rated(0, [0, 1, 2]));
    const metrics = topNQuality(byIndex, own, wanted, shape);
    // Were 0 and 1 candidates, three hits at ranks 1–3; as it is, item 2 at rank 1 only.
    expect(metrics['precision@10']).toBeCloseTo(0.1, 10);
    expect(metrics['recall@10']).toBeCloseTo(1 / 3, 10);
  });

  it('gives zeros when no user has both train and test ratings', () => {
    const metrics = topNQuality(byIndex, ratingsOf(rated(3, [3])), ratingsOf(rated(2, [0])), shape);
    expect(Object.values(metrics)).toEqual([0, 0, 0, 0, 0]);
  });
});
