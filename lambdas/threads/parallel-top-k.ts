import type { OnProgress } from '../core/progress.ts';
import type { ScoringKernel } from '../core/scoring/block-scorer.ts';
import {
  createBlockScorer,
  createTopKLists,
  scoreTopKRange,
  type FactorScoringInput,
  type TopKLists,
} from '../core/scoring/factor-top-k.ts';
import { createWorkerPool, defaultWorkerCount, toShared } from './worker-pool.ts';
import {
  scoringWorker,
  type ScoringTask,
  type ScoringWorkerData,
} from './workers/scoring-worker.ts';

export interface ParallelTopKOptions {
  /** Worker threads; 1 scores on the calling thread (no worker start-up cost). */
  workers?: number;
  /** Users per task: small enough to balance the load, large enough to amortise messages. */
  chunk?: number;
  onProgress?: OnProgress;
  /** The dense scores' implementation (default the WebAssembly kernel). */
  kernel?: ScoringKernel;
}

/**
 * Top-k lists for every user, users split into chunks scored by a pool of workers that all read
 * the factors from shared memory and write their slice of one shared output.
 */
export async function topKForAllUsers(
  input: FactorScoringInput,
  options: ParallelTopKOptions = {},
): Promise<TopKLists> {
  const workers = Math.max(1, options.workers ?? defaultWorkerCount());
  const chunk = options.chunk ?? 2048;
  const onProgress = options.onProgress ?? (() => {});
  const total = input.users;
  const kernel = options.kernel ?? 'wasm';

  if (workers === 1) {
    const out = createTopKLists(total, input.k);
    const scorer = createBlockScorer(input, kernel);
    for (let start = 0; start < total; start += chunk) {
      scoreTopKRange(input, out, start, Math.min(total, start + chunk), scorer);
      onProgress({ step: 'top-k', done: Math.min(total, start + chunk), total });
    }
    return out;
  }

  const out = createTopKLists(total, input.k, true);
  const shared: FactorScoringInput = {
    ...input,
    userFactors: toShared(input.userFactors),
    itemFactors: toShared(input.itemFactors),
    itemBias: input.itemBias === null ? null : toShared(input.itemBias),
    exclude: { indptr: toShared(input.exclude.indptr), indices: toShared(input.exclude.indices) },
  };
  const pool = createWorkerPool<ScoringTask, number>(
    scoringWorker,
    { input: shared, out, kernel } satisfies ScoringWorkerData,
    Math.min(workers, Math.ceil(total / chunk) || 1),
  );
  try {
    let done = 0;
    const tasks: Promise<void>[] = [];
    for (let start = 0; start < total; start += chunk) {
      const end = Math.min(total, start + chunk);
      tasks.push(
        pool.run({ start, end }).then((scored) => {
          done += scored;
          onProgress({ step: 'top-k', done, total });
        }),
      );
    }
    await Promise.all(tasks);
  } finally {
    await pool.close();
  }
  return out;
}
