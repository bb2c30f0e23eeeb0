import type { OnProgress } from '../progress.ts';
import { planTuning } from './random-search.ts';
import type { TrialParams, TunedModel } from './search-space.ts';
import { SEARCH_SPACES } from './search-space.ts';
import type { TrialData } from './tuning-trial.ts';
import { runTrial } from './tuning-trial.ts';

/** One trial as a tuning run reports it. */
export interface TrialResult {
  /** 0 is the defaults. */
  trial: number;
  params: TrialParams;
  /** Measured on the validation ratings. */
  metrics: Record<string, number>;
  seconds: number;
}

/** The tuning of one model: its trials and the one chosen. */
export interface ModelTuning {
  model: TunedModel;
  /** The validation metric the choice is made on, e.g. "rmse" (lower is better). */
  metric: string;
  trials: TrialResult[];
  best: { trial: number; params: TrialParams; metrics: Record<string, number> };
}

/**
 * The trial with the best validation metric (lowest RMSE, highest nDCG@10); ties and trials
 * without a finite metric go to the earlier trial, so the defaults (trial 0) win a tie.
 */
export function chooseBest(model: TunedModel, trials: readonly TrialResult[]): ModelTuning {
  const { metric } = SEARCH_SPACES[model];
  const score = (t: TrialResult): number => {
    const value = t.metrics[metric.name];
    if (value === undefined || !Number.isFinite(value)) return -Infinity;
    return metric.better === 'lower' ? -value : value;
  };
  if (trials.length === 0) throw new RangeError(`no trials to choose from for the ${model} model`);
  const sorted = [...trials].sort((a, b) => a.trial - b.trial);
  let best = sorted[0]!;
  for (const t of sorted) if (score(t) > score(best)) best = t;
  return {
    model,
    metric: metric.name,
    trials: sorted,
    best: { trial: best.trial, params: best.params, metrics: best.metrics },
  };
}

/**
 * Tunes one model by random search (planTuning), one trial after another: `trials` points
 * (trial 0 the defaults), each trained on `data.fit` and measured on `data.validation`, and the
 * best chosen (chooseBest).
 */
export function tuneModel(
  model: TunedModel,
  data: TrialData,
  options: {
    trials: number;
    seed: number;
    /** Clock in seconds, used only to time the trials. */
    now: () => number;
    onProgress?: OnProgress;
    /** Called with each trial as it finishes. */
    onTrial?: (result: TrialResult) => void;
  },
): ModelTuning {
  const plan = planTuning(model, options.trials, options.seed);
  const points = plan.trials;
  const metric = SEARCH_SPACES[model].metric.name;
  const results: TrialResult[] = [];
  options.onProgress?.({ step: `tune ${model}`, done: 0, total: points.length });
  points.forEach((params, trial) => {
    const start = options.now();
    const metrics = runTrial(model, params, data, plan.trialSeed);
    const result = { trial, params, metrics, seconds: options.now() - start };
    results.push(result);
    options.onTrial?.(result);
    options.onProgress?.({
      step: `tune ${model}`,
      done: trial + 1,
      total: points.length,
      detail: { [metric]: metrics[metric] ?? NaN },
    });
  });
  return chooseBest(model, results);
}
