import * as z from 'zod';
import { tuningKey, writeTuning } from './tuning-record.ts';
import type { ObjectStore } from './object-store.ts';
import { assembleTuning, pipelineTrialResultSchema } from './tuning-trials.ts';

/** The Map's results: every trial of both models (the budget is bounded by the app config). */
export const pickTuningInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  trials: z.array(pipelineTrialResultSchema).min(2).max(1000),
});

export type PickTuningInput = z.infer<typeof pickTuningInputSchema>;

export interface PickTuningResult {
  /** The stored tuning (tuning-record.ts), which the train step reads. */
  key: string;
  /** The chosen trial of each model. */
  best: { rating: number; ranking: number };
}

/**
 * After the Tune state's Map: chooses each model's best trial and writes the tuning beside the
 * processed dataset. Both models must have trials (a Map that lost one fails here, by name).
 */
export async function pickTuning(
  input: PickTuningInput,
  ports: { store: ObjectStore },
): Promise<PickTuningResult> {
  for (const model of ['rating', 'ranking'] as const) {
    if (!input.trials.some((t) => t.model === model)) {
      throw new Error(`pick tuning: no ${model} model trials among the Map's results`);
    }
  }
  const tuning = assembleTuning(input.trials);
  await writeTuning(ports.store, input.processedPrefix, tuning);
  return {
    key: tuningKey(input.processedPrefix),
    best: { rating: tuning.rating.best.trial, ranking: tuning.ranking.best.trial },
  };
}
