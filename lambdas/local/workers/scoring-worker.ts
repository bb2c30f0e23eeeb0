/** Worker side of topKForAllUsers: scores the user ranges it is sent into the shared output. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScoringKernel } from '../../core/scoring/block-scorer.ts';
import {
  createBlockScorer,
  scoreTopKRange,
  type FactorScoringInput,
  type TopKLists,
} from '../../core/scoring/factor-top-k.ts';

export interface ScoringTask {
  start: number;
  end: number;
}

const { input, out, kernel } = workerData as {
  input: FactorScoringInput;
  out: TopKLists;
  kernel: ScoringKernel;
};
const scorer = createBlockScorer(input, kernel);

parentPort?.on('message', ({ start, end }: ScoringTask) => {
  scoreTopKRange(input, out, start, end, scorer);
  parentPort!.postMessage(end - start);
});
