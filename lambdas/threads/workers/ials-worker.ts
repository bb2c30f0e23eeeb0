/** Worker side of trainIalsParallel: partial Gramians and row-range solves over shared factors. */
import { parentPort } from 'node:worker_threads';
import type { SparseMatrix } from '../../core/dataset/sparse-matrix.ts';
import type { IalsParams } from '../../core/models/ials.ts';
import type { IalsKernel } from '../../core/models/ials.ts';
import {
  createIalsScratch,
  ialsGramian,
  ialsRowsSolver,
  solveRows,
} from '../../core/models/ials.ts';
import { workerInit, type WorkerScript } from '../worker-pool.ts';

/** This script, for `createWorkerPool`; importing it also puts it in a bundle. */
export const ialsWorker: WorkerScript = { name: 'ials', url: new URL(import.meta.url) };

export interface IalsWorkerData {
  params: IalsParams;
  user: Float32Array;
  item: Float32Array;
  /** Gramian of the fixed side, written by the main thread before each solve phase. */
  gram: Float64Array;
  kernel: IalsKernel;
}

export interface IalsTask {
  op: 'gram' | 'solve';
  /** The side being solved this half-epoch. */
  side: 'user' | 'item';
  from: number;
  to: number;
  /**
   * Of a solve, the side's rows (arrays in shared memory, so only references are posted): sent
   * with the tasks so that the threads can start before the matrices are built.
   */
  matrix?: SparseMatrix;
}

export interface IalsReply {
  gram?: Float64Array;
  data: number;
  penalty: number;
}

const init = workerInit<IalsWorkerData>(ialsWorker.name);
if (init !== undefined) serve(init);

function serve({ params, user, item, gram, kernel }: IalsWorkerData): void {
  const k = params.factors;
  const scratch = createIalsScratch(k);
  const solver = ialsRowsSolver(kernel);
  const gramian = ialsGramian(kernel);

  parentPort!.on('message', ({ op, side, from, to, matrix }: IalsTask) => {
    const fixed = side === 'user' ? item : user;
    if (op === 'gram') {
      const partial = gramian(fixed, k, from, to, new Float64Array(k * k));
      const reply: IalsReply = { gram: partial, data: 0, penalty: 0 };
      parentPort!.postMessage(reply, [partial.buffer as ArrayBuffer]);
      return;
    }
    const target = side === 'user' ? user : item;
    const loss = solveRows(
      { matrix: matrix!, fixed, target, gram },
      from,
      to,
      params,
      scratch,
      solver,
    );
    parentPort!.postMessage(loss satisfies IalsReply);
  });
}
