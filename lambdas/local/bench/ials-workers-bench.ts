/**
 * iALS on worker threads, WebAssembly against the TypeScript reference, on the shape:
 * the seeded synthetic set at 5M ratings (32k users, 12k movies), k = 64, CG, 2 workers. Both
 * paths run in this process, alternating, from the same seed; prints one JSON line.
 *   node --import tsx lambdas/local/bench/ials-workers-bench.ts [ratings] [epochs] [runs]
 */
import { loadavg } from 'node:os';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import type { IalsKernel } from '../../core/models/ials.ts';
import { trainIalsParallel } from '../../threads/parallel-ials.ts';
import { describeMachine } from './machine.ts';

const [ratings = 5_000_000, epochs = 2, runs = 2] = process.argv.slice(2).map(Number);
const users = Math.round((32_000 * ratings) / 5_000_000);
const items = Math.round((12_000 * ratings) / 5_000_000);
const data = generateSyntheticDataset({ users, items, ratings, seed: 1 });
const shape = { users: data.userIds.length, items: data.itemIds.length };
const params = { factors: 64, epochs, solver: 'cg' as const };
const loadStart = loadavg();

const timed = async (kernel: IalsKernel) => {
  const start = performance.now();
  const model = await trainIalsParallel(data.ratings, shape, params, {
    seed: 3,
    workers: 2,
    kernel,
  });
  return { seconds: (performance.now() - start) / 1000, loss: model.lossHistory.at(-1)! };
};
const seconds: Record<IalsKernel, number[]> = { wasm: [], typescript: [] };
const loss: Partial<Record<IalsKernel, number>> = {};
for (let run = 0; run < runs; run++) {
  for (const kernel of ['typescript', 'wasm'] as const) {
    const result = await timed(kernel);
    seconds[kernel].push(result.seconds);
    loss[kernel] = result.loss;
  }
}
const best = (xs: number[]) => Math.min(...xs);
const throughput = (kernel: IalsKernel) => (ratings * epochs) / best(seconds[kernel]);
console.log(
  JSON.stringify({
    machine: describeMachine(),
    shape: { ratings, ...shape, k: 64, epochs, workers: 2, solver: 'cg' },
    seconds,
    ratingsEpochsPerSecond: { typescript: throughput('typescript'), wasm: throughput('wasm') },
    ratio: throughput('wasm') / throughput('typescript'),
    finalLoss: loss,
    loadAverage: { start: loadStart, end: loadavg() },
  }),
);
