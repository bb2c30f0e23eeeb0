import { tuneTrial, tuneTrialInputSchema } from '../../app/pipeline/tune-trial.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { loadProcessedDataset } from './pipeline-ports.ts';

/** One trial of the Tune state's Map (small datasets; the Fargate task tunes in its own run). */
export const handler = pipelineHandler('tune trial', tuneTrialInputSchema, (input) =>
  tuneTrial(input, { loadDataset: loadProcessedDataset, seconds: () => performance.now() / 1000 }),
);
