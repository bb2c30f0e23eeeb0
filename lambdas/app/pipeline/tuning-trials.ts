import * as z from 'zod';
import type { Dataset } from '../../core/dataset/dataset.ts';
import { itemCount, userCount } from '../../core/dataset/dataset.ts';
import type { OnProgress } from '../../core/progress.ts';
import { createRng } from '../../core/random.ts';
import type { TrialResult } from '../../core/tuning/model-tuning.ts';
import { chooseBest } from '../../core/tuning/model-tuning.ts';
import { planTuning } from '../../core/tuning/random-search.ts';
import type { TrialParams, TunedModel } from '../../core/tuning/search-space.ts';
import { TUNED_MODELS } from '../../core/tuning/search-space.ts';
import type { TrialData } from '../../core/tuning/tuning-trial.ts';
import { runTrial } from '../../core/tuning/tuning-trial.ts';
import { validationSplit } from '../../core/tuning/validation-split.ts';
import { versionTrainingRatings } from '../train-model-version.ts';
import type { PipelineTuning } from './tuning-record.ts';

/** The largest trial budget per model the pipeline accepts (the app config's bound). */
export const MAX_TUNING_TRIALS = 50;

/** The seed a version trains with unless told (trainVersion's default). */
export const PIPELINE_SEED = 42;

/** One trial of the pipeline's tuning: a Map item of the Tune state. */
export interface PlannedTrial {
  model: TunedModel;
  trial: number;
  params: TrialParams;
  /** The seed the trial trains with (the same for every trial of a model). */
  seed: number;
}

export interface PipelineTrialResult extends TrialResult {
  model: TunedModel;
}

const params = z.record(z.string(), z.number().finite());

export const plannedTrialSchema = z.object({
  model: z.enum(TUNED_MODELS),
  trial: z.number().int().min(0),
  params,
  seed: z.number().int(),
}) satisfies z.ZodType<PlannedTrial>;

export const pipelineTrialResultSchema = z.object({
  model: z.enum(TUNED_MODELS),
  trial: z.number().int().min(0),
  params,
  metrics: z.record(z.string(), z.number()),
  seconds: z.number(),
}) satisfies z.ZodType<PipelineTrialResult>;

/**
 * The trials of both models, rating first: `trialsPerModel` random-search points each (trial 0
 * the defaults; random-search.ts), seeded by the version's seed, so a plan made when the state
 * machine is synthesized and one made in the Fargate task are the same.
 */
export function planPipelineTuning(trialsPerModel: number, seed: number): PlannedTrial[] {
  return TUNED_MODELS.flatMap((model) => {
    const plan = planTuning(model, trialsPerModel, seed);
    return plan.trials.map((point, trial) => ({
      model,
      trial,
      params: point,
      seed: plan.trialSeed,
    }));
  });
}

/**
 * What every trial fits and validates on: the ratings the version will be trained on before it
 * is measured (versionTrainingRatings: its holdout stays unseen), split again per user
 * (`user-holdout`) with a seed derived from the version's.
 */
export function pipelineTrialData(dataset: Dataset, seed: number): TrialData {
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const train = versionTrainingRatings(dataset, { seed });
  const rng = createRng(seed);
  rng.int(2 ** 31); // the holdout's draw
  const split = validationSplit(train, shape, 'user-holdout', rng.int(2 ** 31));
  return { ...split, shape, scale: dataset.scale };
}

/** Runs one planned trial and times it. */
export function runPlannedTrial(
  planned: PlannedTrial,
  data: TrialData,
  now: () => number,
): PipelineTrialResult {
  const start = now();
  const metrics = runTrial(planned.model, planned.params, data, planned.seed);
  return {
    model: planned.model,
    trial: planned.trial,
    params: planned.params,
    metrics,
    seconds: now() - start,
  };
}

/** Both models' trials gathered into a tuning, the best of each chosen (chooseBest). */
export function assembleTuning(results: readonly PipelineTrialResult[]): PipelineTuning {
  const of = (model: TunedModel) =>
    chooseBest(
      model,
      results
        .filter((r) => r.model === model)
        .map(({ trial, params, metrics, seconds }) => ({ trial, params, metrics, seconds })),
    );
  const rating = of('rating');
  return {
    validation: 'user-holdout',
    trialsPerModel: rating.trials.length,
    rating,
    ranking: of('ranking'),
  };
}

/**
 * The whole tuning on one machine, one trial after another (the Fargate task: datasets too
 * large for a Map of Lambdas): the same plan, data and choice as the Tune state's.
 */
export function tuneDataset(
  dataset: Dataset,
  options: { trialsPerModel: number; seed: number; now: () => number; onProgress?: OnProgress },
): PipelineTuning {
  const plan = planPipelineTuning(options.trialsPerModel, options.seed);
  const data = pipelineTrialData(dataset, options.seed);
  const results = plan.map((planned, n) => {
    const result = runPlannedTrial(planned, data, options.now);
    options.onProgress?.({ step: 'tuning trial', done: n + 1, total: plan.length });
    return result;
  });
  return assembleTuning(results);
}
