import * as z from 'zod';
import type { Dataset } from '../../core/dataset/dataset.ts';
import type { PipelineTrialResult } from './tuning-trials.ts';
import {
  PIPELINE_SEED,
  pipelineTrialData,
  plannedTrialSchema,
  runPlannedTrial,
} from './tuning-trials.ts';

export const tuneTrialInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  /** The version's training seed (default 42, as train's). */
  seed: z.number().int().optional(),
  trial: plannedTrialSchema,
});

export type TuneTrialInput = z.infer<typeof tuneTrialInputSchema>;

/**
 * One Map item of the Tune state: trains the trial's model with its parameters on the processed
 * dataset's validation split (pipelineTrialData) and returns its validation metrics.
 */
export async function tuneTrial(
  input: TuneTrialInput,
  ports: { loadDataset: (processedPrefix: string) => Promise<Dataset>; seconds: () => number },
): Promise<PipelineTrialResult> {
  const dataset = await ports.loadDataset(input.processedPrefix);
  const data = pipelineTrialData(dataset, input.seed ?? PIPELINE_SEED);
  return runPlannedTrial(input.trial, data, ports.seconds);
}
