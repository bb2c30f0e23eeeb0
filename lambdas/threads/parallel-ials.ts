import type { IalsTrainer } from '../app/fit-ranking-model.ts';
import type { Ratings } from '../core/dataset/dataset.ts';
import type { SparseMatrix } from '../core/dataset/sparse-matrix.ts';
import type { IalsKernel, IalsModel, IalsParams } from '../core/models/ials.ts';
import { defaultIalsParams, ialsModel, initIalsFactors, trainIals } from '../core/models/ials.ts';
import { implicitMatrix } from '../core/models/implicit-feedback.ts';
import type { OnProgress } from '../core/progress.ts';
import { balancedRanges } from './balanced-ranges.ts';
import { createWorkerPool, defaultWorkerCount, toShared, type WorkerPool } from './worker-pool.ts';
import {
  ialsWorker,
  type IalsWorkerData,
  type IalsTask,
  type IalsReply,
} from './workers/ials-worker.ts';

export interface ParallelIalsOptions {
  seed?: number;
  /** Worker threads (default one per core); 1 trains on the calling thread with `trainIals`. */
  workers?: number;
  onProgress?: OnProgress;
  /** The row solves' implementation (default the WebAssembly kernel). */
  kernel?: IalsKernel;
}

/**
 * Rows per partial Gramian. Fixed, not derived from the worker count, so that the partials and
 * the order they are summed in are the same on any number of workers: the factors then do not
 * depend on the worker count at all (only on the seed), while they differ from `trainIals`'s by
 * the order of the Gramian's floating-point sums.
 */
const GRAM_CHUNK = 1024;

/**
 * Row-solve tasks per half-epoch: several per worker keep the threads evenly busy. Fixed for the
 * same reason as GRAM_CHUNK: the ranges' objective parts are summed in the same order on any
 * number of workers, so the loss history is the same too.
 */
const SOLVE_TASKS = 24;

/**
 * iALS with each half-epoch split over worker threads: the Gramian of the fixed side is summed
 * from per-range partial Gramians, then row ranges are solved with the core's `solveRows` into
 * factors held in shared memory, in ranges of about equal work (a row costs its ratings plus
 * about k for its Gramian products). Same updates, in the same order per row, as `trainIals`, so
 * the result equals the single-threaded trainer's up to the order of floating-point sums in the
 * Gramian, and is the same on 2 workers as on 6 (see GRAM_CHUNK).
 */
export async function trainIalsParallel(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<IalsParams> = {},
  options: ParallelIalsOptions = {},
): Promise<IalsModel> {
  const workers = Math.max(1, options.workers ?? defaultWorkerCount());
  if (workers === 1) {
    const { seed, onProgress, kernel } = options;
    return trainIals(train, shape, params, {
      ...(seed !== undefined && { seed }),
      ...(onProgress && { onProgress }),
      ...(kernel && { kernel }),
    });
  }
  const p: IalsParams = { ...defaultIalsParams, ...params };
  const k = p.factors;
  const init = initIalsFactors(shape.users, shape.items, p, options.seed ?? 0);
  const user = toShared(init.user);
  const item = toShared(init.item);
  const gram = toShared(new Float64Array(k * k));
  const data: IalsWorkerData = { params: p, user, item, gram, kernel: options.kernel ?? 'wasm' };
  // The threads start (each loads its modules) while this one builds the sparse matrices.
  const pool = createWorkerPool<IalsTask, IalsReply>(ialsWorker, data, workers);
  try {
    const share = (m: SparseMatrix): SparseMatrix => ({
      ...m,
      indptr: toShared(m.indptr),
      indices: toShared(m.indices),
      values: toShared(m.values),
    });
    const byUser = share(implicitMatrix(train, shape, 'user', p.weighting));
    const byItem = share(implicitMatrix(train, shape, 'item', p.weighting));
    const lossHistory = await trainOnPool(
      pool,
      { byUser, byItem, gram, k, epochs: p.epochs },
      options,
    );
    const itemCounts = new Int32Array(shape.items);
    for (let i = 0; i < shape.items; i++) itemCounts[i] = byItem.indptr[i + 1]! - byItem.indptr[i]!;
    return ialsModel(p, user, item, itemCounts, lossHistory);
  } finally {
    await pool.close();
  }
}

/** The epochs of trainIalsParallel on a started pool; returns the loss history. */
async function trainOnPool(
  pool: WorkerPool<IalsTask, IalsReply>,
  state: {
    byUser: SparseMatrix;
    byItem: SparseMatrix;
    gram: Float64Array;
    k: number;
    epochs: number;
  },
  options: ParallelIalsOptions,
): Promise<number[]> {
  const { byUser, byItem, gram, k } = state;
  const ranges = (rows: number, size: number): [number, number][] => {
    const out: [number, number][] = [];
    for (let from = 0; from < rows; from += size) out.push([from, Math.min(rows, from + size)]);
    return out;
  };
  const halfEpoch = async (side: 'user' | 'item') => {
    const matrix = side === 'user' ? byUser : byItem;
    const partials = await Promise.all(
      ranges(matrix.cols, GRAM_CHUNK).map(([from, to]) => pool.run({ op: 'gram', side, from, to })),
    );
    gram.fill(0);
    for (const partial of partials) {
      const g = partial.gram!;
      for (let x = 0; x < g.length; x++) gram[x] = gram[x]! + g[x]!;
    }
    const solved = await Promise.all(
      balancedRanges(matrix.indptr, SOLVE_TASKS, k).map(([from, to]) =>
        pool.run({ op: 'solve', side, from, to, matrix }),
      ),
    );
    return solved.reduce(
      (sum, r) => ({ data: sum.data + r.data, penalty: sum.penalty + r.penalty }),
      { data: 0, penalty: 0 },
    );
  };

  const lossHistory: number[] = [];
  for (let epoch = 0; epoch < state.epochs; epoch++) {
    const users = await halfEpoch('user');
    const items = await halfEpoch('item');
    const loss = items.data + items.penalty + users.penalty;
    lossHistory.push(loss);
    options.onProgress?.({ step: 'epoch', done: epoch + 1, total: state.epochs, detail: { loss } });
  }
  // The core's last user step (trainIals), so both give the same model.
  if (state.epochs > 0) await halfEpoch('user');
  return lossHistory;
}

/**
 * Fewest ratings for which `ialsOnWorkers` starts threads. Starting them costs about a second of
 * CPU per fit from the sources (each loads tsx and the modules): on ml-latest-small (0.1M
 * ratings, 2 fits) `movierec train` measured 2–2.5 s slower on 2 threads than on 1 at a load
 * of 3, while at 5M ratings the threads are the point (BENCHMARKS.md).
 */
export const MIN_THREADED_RATINGS = 1_000_000;

/**
 * The `IalsTrainer` port on `workers` threads; on the calling thread (`trainIals`) for 1 worker
 * or fewer than MIN_THREADED_RATINGS ratings.
 */
export const ialsOnWorkers =
  (workers: number): IalsTrainer =>
  (train, shape, params, options) =>
    trainIalsParallel(train, shape, params, {
      ...options,
      workers: train.user.length < MIN_THREADED_RATINGS ? 1 : workers,
    });
