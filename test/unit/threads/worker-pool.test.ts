import { describe, expect, it } from 'vitest';
import { createRng } from '../../../lambdas/core/random.ts';
import type { FactorScoringInput } from '../../../lambdas/core/scoring/factor-top-k.ts';
import { toSparseMatrix } from '../../../lambdas/core/dataset/sparse-matrix.ts';
import { generateSyntheticDataset } from '../../../lambdas/core/dataset/synthetic-dataset.ts';
import { trainIals } from '../../../lambdas/core/models/ials.ts';
import { topN } from '../../../lambdas/core/models/top-n.ts';
import { topKForAllUsers } from '../../../lambdas/threads/parallel-top-k.ts';
import { createWorkerPool } from '../../../lambdas/threads/worker-pool.ts';

function randomInput(users: number, items: number, factors: number, k: number): FactorScoringInput {
  const rng = createRng(7);
  const userFactors = Float32Array.from({ length: users * factors }, () => rng.normal());
  const itemFactors = Float32Array.from({ length: items * factors }, () => rng.normal());
  const itemBias = Float32Array.from({ length: items }, () => rng.normal());
  const indptr = new Int32Array(users + 1);
  const seen: number[] = [];
  for (let u = 0; u < users; u++) {
    for (let i = u % 3; i < items; i += 5) seen.push(i);
    indptr[u + 1] = seen.length;
  }
  return {
    users,
    items,
    factors,
    userFactors,
    itemFactors,
    itemBias,
    exclude: { indptr, indices: Int32Array.from(seen) },
    k,
  };
}

describe('topKForAllUsers', () => {
  it('gives the same lists on worker threads as on the calling thread', async () => {
    const input = randomInput(301, 97, 6, 10);
    const single = await topKForAllUsers(input, { workers: 1, chunk: 50 });
    const parallel = await topKForAllUsers(input, { workers: 2, chunk: 50 });
    expect(Array.from(parallel.items)).toEqual(Array.from(single.items));
    expect(Array.from(parallel.scores)).toEqual(Array.from(single.scores));
  });

  it('matches a brute-force sort and never returns an excluded item', async () => {
    const input = randomInput(21, 31, 4, 5); // a short last user block and an odd item count
    const lists = await topKForAllUsers(input, { workers: 1, chunk: 7 });
    for (let u = 0; u < input.users; u++) {
      const excluded = new Set(
        input.exclude.indices.subarray(input.exclude.indptr[u], input.exclude.indptr[u + 1]),
      );
      const ranked = Array.from({ length: input.items }, (_, i) => i)
        .filter((i) => !excluded.has(i))
        .map((i) => {
          let s = input.itemBias![i]!;
          for (let d = 0; d < input.factors; d++) {
            s +=
              input.userFactors[u * input.factors + d]! * input.itemFactors[i * input.factors + d]!;
          }
          return { i, s: Math.fround(s) };
        })
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, input.k)
        .map(({ i }) => i);
      expect(Array.from(lists.items.subarray(u * input.k, (u + 1) * input.k))).toEqual(ranked);
    }
  });

  it('pads with -1 when a user has fewer candidates than k', async () => {
    const input = randomInput(3, 4, 2, 6);
    const lists = await topKForAllUsers(input, { workers: 1 });
    const first = Array.from(lists.items.subarray(0, 6));
    expect(first.filter((i) => i === -1).length).toBe(6 - (4 - 1));
  });

  it('matches a trained iALS model scored user by user (scoreUser + topN)', async () => {
    const data = generateSyntheticDataset({ users: 45, items: 37, ratings: 500, seed: 4 });
    const shape = { users: data.userIds.length, items: data.itemIds.length };
    const model = trainIals(data.ratings, shape, { factors: 6, epochs: 3 }, { seed: 1 });
    const seen = toSparseMatrix(data.ratings, shape, 'user');
    const k = 8;
    const lists = await topKForAllUsers(
      {
        ...shape,
        factors: model.itemFactors.k,
        userFactors: model.userFactors,
        itemFactors: model.itemFactors.data,
        itemBias: Float32Array.from(model.itemCounts, (n) => (n === 0 ? -Infinity : 0)),
        exclude: { indptr: seen.indptr, indices: seen.indices },
        k,
      },
      { workers: 2, chunk: 10 },
    );
    const scores = new Float32Array(shape.items);
    for (let u = 0; u < shape.users; u++) {
      model.scoreUser(u, scores);
      const expected = topN(scores, k, seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]));
      const got = lists.items.subarray(u * k, (u + 1) * k);
      expect(Array.from(got.subarray(0, expected.items.length))).toEqual(
        Array.from(expected.items),
      );
      for (let r = 0; r < expected.items.length; r++) {
        expect(lists.scores[u * k + r]).toBeCloseTo(expected.scores[r]!, 4);
      }
    }
  });
});

describe('createWorkerPool', () => {
  const script = {
    name: 'echo-or-fail',
    url: new URL('../../fixtures/workers/echo-or-fail-worker.ts', import.meta.url),
  };

  it('runs more tasks than workers and answers each with its own reply', async () => {
    const pool = createWorkerPool<{ add: number }, number>(script, { base: 100 }, 2);
    try {
      const replies = await Promise.all([1, 2, 3, 4, 5].map((add) => pool.run({ add })));
      expect(replies).toEqual([101, 102, 103, 104, 105]);
    } finally {
      await pool.close();
    }
  });

  it('rejects (rather than hangs) when a worker throws, and refuses later tasks', async () => {
    const pool = createWorkerPool<{ add: number; fail?: boolean }, number>(script, { base: 0 }, 1);
    try {
      await expect(pool.run({ add: 1, fail: true })).rejects.toThrow(/on purpose/);
      await expect(pool.run({ add: 1 })).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });
});
