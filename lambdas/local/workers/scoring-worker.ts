/** Worker side of topKForAllUsers: scores the user ranges it is sent into the shared output. */
import { parentPort, workerData } from 'node:worker_threads';
import {
  scoreTopKRange,
  type FactorScoringInput,
  type TopKLists,
} from '../../core/scoring/factor-top-k.ts';

export interface ScoringTask {
  start: number;
  end: number;
}

const { input, out } = workerData as { input: FactorScoringInput; out: TopKLists };

parentPort?.on('message', ({ start, end }: ScoringTask) => {
  scoreTopKRange(input, out, start, end);
  parentPort!.postMessage(end - start);
});
