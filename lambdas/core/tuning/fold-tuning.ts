import type { RatingScale, Ratings } from '../dataset/dataset.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import type { ModelTuning, TrialResult } from './model-tuning.ts';
import { tuneModel } from './model-tuning.ts';
import type { TunedModel } from './search-space.ts';
import type { ValidationScheme } from './validation-split.ts';
import { validationSplit } from './validation-split.ts';

/**
 * Tunes `model` inside one training fold: a validation set is carved from `train` (the fold's
 * training ratings, never its test ratings) by `scheme` with a seed derived from `seed`, and the
 * trials (tuneModel) fit on the rest.
 */
export function tuneInsideFold(
  model: TunedModel,
  train: Ratings,
  data: { shape: { users: number; items: number }; scale: RatingScale },
  options: {
    scheme: ValidationScheme;
    trials: number;
    seed: number;
    now: () => number;
    onProgress?: OnProgress;
    onTrial?: (result: TrialResult) => void;
  },
): ModelTuning {
  const rng = createRng(options.seed);
  const split = validationSplit(train, data.shape, options.scheme, rng.int(2 ** 31));
  return tuneModel(
    model,
    { ...split, ...data },
    {
      trials: options.trials,
      seed: rng.int(2 ** 31),
      now: options.now,
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(options.onTrial && { onTrial: options.onTrial }),
    },
  );
}
