/** Worker side of trainIalsParallel: partial Gramians and row-range solves over shared factors. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SparseMatrix } from '../../core/dataset/sparse-matrix.ts';
import type { IalsParams } from '../../core/models/ials.ts';
import type { IalsKernel } from '../../core/models/ials.ts';
import { createIalsScratch, gramian, ialsRowsSolver, solveRows } from '../../core/models/ials.ts';

export interface IalsWorkerData {
  params: IalsParams;
  byUser: SparseMatrix;
  byItem: SparseMatrix;
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
}

export interface IalsReply {
  gram?: Float64Array;
  data: number;
  penalty: number;
}

const { params, byUser, byItem, user, item, gram, kernel } = workerData as IalsWorkerData;
const k = params.factors;
const scratch = createIalsScratch(k);
const solver = ialsRowsSolver(kernel);

parentPort?.on('message', ({ op, side, from, to }: IalsTask) => {
  const fixed = side === 'user' ? item : user;
  if (op === 'gram') {
    const partial = gramian(fixed, k, from, to, new Float64Array(k * k));
    const reply: IalsReply = { gram: partial, data: 0, penalty: 0 };
    parentPort!.postMessage(reply, [partial.buffer as ArrayBuffer]);
    return;
  }
  const matrix = side === 'user' ? byUser : byItem;
  const target = side === 'user' ? user : item;
  const loss = solveRows({ matrix, fixed, target, gram }, from, to, params, scratch, solver);
  parentPort!.postMessage(loss satisfies IalsReply);
});
