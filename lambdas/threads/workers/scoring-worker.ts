/** Worker side of topKForAllUsers: scores the user ranges it is sent into the shared output. */
import { parentPort } from 'node:worker_threads';
import type { ScoringKernel } from '../../core/scoring/block-scorer.ts';
import {
  createBlockScorer,
  scoreTopKRange,
  type FactorScoringInput,
  type TopKLists,
} from '../../core/scoring/factor-top-k.ts';
import { workerInit, type WorkerScript } from '../worker-pool.ts';

/** This script, for `createWorkerPool`; importing it also puts it in a bundle. */
export const scoringWorker: WorkerScript = { name: 'scoring', url: new URL(import.meta.url) };

export interface ScoringWorkerData {
  input: FactorScoringInput;
  out: TopKLists;
  kernel: ScoringKernel;
}

export interface ScoringTask {
  start: number;
  end: number;
}

const init = workerInit<ScoringWorkerData>(scoringWorker.name);
if (init !== undefined) serve(init);

function serve({ input, out, kernel }: ScoringWorkerData): void {
  const scorer = createBlockScorer(input, kernel);
  parentPort!.on('message', ({ start, end }: ScoringTask) => {
    scoreTopKRange(input, out, start, end, scorer);
    parentPort!.postMessage(end - start);
  });
}
