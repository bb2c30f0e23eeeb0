import { loadavg } from 'node:os';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import type { IalsKernel } from '../../core/models/ials.ts';
import { trainIalsParallel } from '../../threads/parallel-ials.ts';

export interface IalsWorkersShape {
  /** Ratings of the seeded synthetic set; users and movies at 32,000 and 12,000 per 5M. */
  ratings: number;
  epochs: number;
  workers: number;
  /** Runs of each path, alternating; the report keeps the fastest. */
  runs: number;
}

/** Issue 11's shape: the 5M synthetic set, k = 64, CG, 2 workers. */
export const IALS_WORKERS_SHAPE: IalsWorkersShape = {
  ratings: 5_000_000,
  epochs: 2,
  workers: 2,
  runs: 1,
};

export interface IalsWorkersBench {
  shape: IalsWorkersShape & { users: number; items: number; factors: number };
  /** Wall seconds of each run of each path (building the sparse matrices and the threads included). */
  seconds: Record<IalsKernel, number[]>;
  /** Ratings × epochs per second of each path's fastest run. */
  ratingsEpochsPerSecond: Record<IalsKernel, number>;
  /** Final loss of each path (they agree to float tolerance). */
  finalLoss: Record<IalsKernel, number>;
  /** 1-minute load average at the start and at the end. */
  load: [number, number];
}

/**
 * iALS on worker threads, the WebAssembly kernels against the TypeScript reference, both paths
 * in this process from the same seed, runs alternating so that a change of load hits both.
 */
export async function measureIalsWorkers(
  shape: IalsWorkersShape = IALS_WORKERS_SHAPE,
): Promise<IalsWorkersBench> {
  const { ratings, epochs, workers, runs } = shape;
  const users = Math.round((32_000 * ratings) / 5_000_000);
  const items = Math.round((12_000 * ratings) / 5_000_000);
  const data = generateSyntheticDataset({ users, items, ratings, seed: 1 });
  const size = { users: data.userIds.length, items: data.itemIds.length };
  const params = { factors: 64, epochs, solver: 'cg' as const };
  const loadStart = loadavg()[0]!;
  const seconds: Record<IalsKernel, number[]> = { wasm: [], typescript: [] };
  const finalLoss: Record<IalsKernel, number> = { wasm: NaN, typescript: NaN };
  for (let run = 0; run < runs; run++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const start = performance.now();
      const model = await trainIalsParallel(data.ratings, size, params, {
        seed: 3,
        workers,
        kernel,
      });
      seconds[kernel].push((performance.now() - start) / 1000);
      finalLoss[kernel] = model.lossHistory.at(-1)!;
    }
  }
  const throughput = (kernel: IalsKernel) => (ratings * epochs) / Math.min(...seconds[kernel]);
  return {
    shape: { ...shape, ...size, factors: params.factors },
    seconds,
    ratingsEpochsPerSecond: { typescript: throughput('typescript'), wasm: throughput('wasm') },
    finalLoss,
    load: [loadStart, loadavg()[0]!],
  };
}
