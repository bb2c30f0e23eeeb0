import * as z from 'zod';
import type { ModelTuning } from '../../core/tuning/model-tuning.ts';
import type { ObjectStore } from './object-store.ts';
import { getJson, putJson } from './object-store.ts';

/**
 * The training pipeline's tuning of a dataset: both models searched on a validation split of the
 * version's training ratings (`user-holdout`), the trials and the chosen parameters. Stored as
 * `tuning.json` beside the processed dataset, and in the version's manifest (`extra.tuning`), its
 * registry record and GET /model (`tuning`).
 */
export interface PipelineTuning {
  /** How the validation ratings were carved out (validation-split.ts). */
  validation: 'user-holdout';
  /** Trials per model, trial 0 the defaults. */
  trialsPerModel: number;
  rating: ModelTuning;
  ranking: ModelTuning;
}

const params = z.record(z.string(), z.number());
const modelTuning = (model: 'rating' | 'ranking') =>
  z.object({
    model: z.literal(model),
    metric: z.string(),
    trials: z.array(
      z.object({
        trial: z.number().int().min(0),
        params,
        metrics: params,
        seconds: z.number(),
      }),
    ),
    best: z.object({ trial: z.number().int().min(0), params, metrics: params }),
  });

export const pipelineTuningSchema = z.object({
  validation: z.literal('user-holdout'),
  trialsPerModel: z.number().int().min(1),
  rating: modelTuning('rating'),
  ranking: modelTuning('ranking'),
}) satisfies z.ZodType<PipelineTuning>;

/** Where a processed dataset's tuning is kept. */
export const tuningKey = (processedPrefix: string): string => `${processedPrefix}tuning.json`;

export function writeTuning(
  store: ObjectStore,
  processedPrefix: string,
  tuning: PipelineTuning,
): Promise<void> {
  return putJson(store, tuningKey(processedPrefix), tuning);
}

/** A stored tuning, validated: a malformed file fails the step naming the key. */
export async function readTuning(store: ObjectStore, key: string): Promise<PipelineTuning> {
  const parsed = pipelineTuningSchema.safeParse(await getJson(store, key));
  if (!parsed.success) throw new Error(`${key}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
