import { describe, expect, it } from 'vitest';
import type { Ratings } from '../../../lambdas/core/dataset/dataset.ts';
import { trainIals } from '../../../lambdas/core/models/ials.ts';
import { createRng } from '../../../lambdas/core/random.ts';
import { trainIalsParallel } from '../../../lambdas/threads/parallel-ials.ts';

function randomRatings(users: number, items: number, perUser: number): Ratings {
  const rng = createRng(3);
  const user: number[] = [];
  const item: number[] = [];
  for (let u = 0; u < users; u++) {
    const chosen = new Set<number>();
    while (chosen.size < perUser) chosen.add(Math.floor(items * rng.next() ** 2));
    for (const i of chosen) {
      user.push(u);
      item.push(i);
    }
  }
  return {
    user: Int32Array.from(user),
    item: Int32Array.from(item),
    value: Float32Array.from(user, () => 4),
    timestamp: new Uint32Array(user.length),
  };
}

describe('trainIalsParallel', () => {
  it('learns the same factors on worker threads as trainIals on one thread', async () => {
    const shape = { users: 120, items: 80 };
    const train = randomRatings(shape.users, shape.items, 12);
    const params = { factors: 8, epochs: 4 };
    const single = trainIals(train, shape, params, { seed: 5 });
    const parallel = await trainIalsParallel(train, shape, params, {
      seed: 5,
      workers: 2,
    });
    expect(parallel.lossHistory.length).toBe(4);
    parallel.lossHistory.forEach((loss, e) => expect(loss).toBeCloseTo(single.lossHistory[e]!, 3));
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    for (const u of [0, 17, 119]) {
      single.scoreUser(u, a);
      parallel.scoreUser(u, b);
      for (let i = 0; i < shape.items; i++) expect(b[i]).toBeCloseTo(a[i]!, 4);
    }
  });

  it('learns the same factors on 2 workers as on 3, and on 1 (the calling thread) within tolerance', async () => {
    const shape = { users: 2600, items: 300 }; // more users than one partial Gramian's rows
    const train = randomRatings(shape.users, shape.items, 6);
    const params = { factors: 8, epochs: 3 };
    const run = (workers: number) => trainIalsParallel(train, shape, params, { seed: 9, workers });
    const [one, two, three] = [await run(1), await run(2), await run(3)];
    expect(Array.from(three.userFactors)).toEqual(Array.from(two.userFactors));
    expect(Array.from(three.itemFactors.data)).toEqual(Array.from(two.itemFactors.data));
    expect(three.lossHistory).toEqual(two.lossHistory);
    const largest = one.itemFactors.data.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    one.itemFactors.data.forEach((x, i) =>
      expect(Math.abs(two.itemFactors.data[i]! - x)).toBeLessThan(1e-4 * largest),
    );
  });
});
