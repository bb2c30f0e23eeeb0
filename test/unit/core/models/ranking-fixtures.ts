import type { Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

/** Ratings from (user, item, value) triples; timestamps are 0. */
export function ratingsOf(triples: [number, number, number][]): Ratings {
  return {
    user: Int32Array.from(triples, (t) => t[0]),
    item: Int32Array.from(triples, (t) => t[1]),
    value: Float32Array.from(triples, (t) => t[2]),
    timestamp: new Uint32Array(triples.length),
  };
}

/**
 * Two planted blocks: users < users/2 rate only items < items/2 and the others only the rest,
 * each (user, item) pair of the user's block with probability `density`.
 */
export function plantedBlocks(
  users: number,
  items: number,
  density: number,
  seed: number,
): Ratings {
  const rng = createRng(seed);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < users; u++) {
    const block = u < users / 2 ? 0 : 1;
    for (let i = 0; i < items; i++) {
      if ((i < items / 2 ? 0 : 1) === block && rng.next() < density) triples.push([u, i, 4]);
    }
  }
  return ratingsOf(triples);
}
