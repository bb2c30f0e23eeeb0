import { createRng } from '../random.ts';
import type { SearchSpace, TrialParams, TunedModel } from './search-space.ts';
import { defaultPoint, SEARCH_SPACES, samplePoint } from './search-space.ts';

/**
 * The trials of a tuning run, by random search (Bergstra & Bengio 2012, "Random Search for
 * Hyper-Parameter Optimization", JMLR 13): `count` points drawn independently from the space
 * with the seed, except trial 0, which is always the defaults, so the chosen parameters are never
 * worse than the defaults on validation. Random search rather than successive halving (Jamieson &
 * Talwalkar 2016; Li et al. 2017, Hyperband) because its trials are independent: the pipeline
 * runs them side by side in a Map, and on the small budgets used here (≈ 8) halving has few rungs
 * to prune. Duplicate draws are kept: they cost a trial, never change the result.
 */
export function randomSearchTrials(
  space: SearchSpace<unknown>,
  count: number,
  seed: number,
): TrialParams[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`trials must be an integer ≥ 1, got ${count}`);
  }
  const rng = createRng(seed);
  const trials = [defaultPoint(space)];
  while (trials.length < count) trials.push(samplePoint(space, rng));
  return trials;
}

/** The trials of one model's tuning and the seed every trial trains with. */
export interface TuningPlan {
  model: TunedModel;
  trialSeed: number;
  trials: TrialParams[];
}

/** Both seeds derived from `seed`: the same seed plans the same trials, in a Map or in a loop. */
export function planTuning(model: TunedModel, count: number, seed: number): TuningPlan {
  const rng = createRng(seed);
  const searchSeed = rng.int(2 ** 31);
  return {
    model,
    trialSeed: rng.int(2 ** 31),
    trials: randomSearchTrials(SEARCH_SPACES[model], count, searchSeed),
  };
}
