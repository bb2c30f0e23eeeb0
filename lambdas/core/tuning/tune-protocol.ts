import type { Dataset } from '../dataset/dataset.ts';
import { itemCount, userCount } from '../dataset/dataset.ts';
import { selectRatings } from '../dataset/sparse-matrix.ts';
import { kFold } from '../evaluation/kfold.ts';
import { RATING_CV_FOLDS } from '../evaluation/rating-cv5.ts';
import { RANKING_TRAIN_RATIO } from '../evaluation/ranking-stratified75.ts';
import { stratifiedSplit } from '../evaluation/stratified-split.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import type { ModelTuning, TrialResult } from './model-tuning.ts';
import { tuneInsideFold } from './fold-tuning.ts';

/** The protocols `movierec tune` searches under, and the model each one measures. */
export const TUNING_PROTOCOLS = {
  'rating-cv5': 'rating',
  'ranking-stratified75': 'ranking',
} as const;
export type TuningProtocol = keyof typeof TUNING_PROTOCOLS;

export interface ProtocolTuning extends ModelTuning {
  protocol: TuningProtocol;
}

/**
 * Tunes the protocol's model on the protocol's training data only: the dataset is split as
 * `evaluate` splits it with the same seed (rating-cv5: fold 1's four training folds;
 * ranking-stratified75: the 75% per movie), then tuned inside that training part by the
 * protocol's own split (tuneInsideFold). The protocol's test ratings are never read.
 */
export function tuneUnderProtocol(
  dataset: Dataset,
  options: {
    protocol: TuningProtocol;
    trials: number;
    seed: number;
    now: () => number;
    onProgress?: OnProgress;
    onTrial?: (result: TrialResult) => void;
  },
): ProtocolTuning {
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const rng = createRng(options.seed);
  const outerSeed = rng.int(2 ** 31);
  const trainPositions =
    options.protocol === 'rating-cv5'
      ? kFold(dataset.ratings.value.length, { folds: RATING_CV_FOLDS, seed: outerSeed })[0]!.train
      : stratifiedSplit(dataset.ratings, shape.items, {
          by: 'item',
          ratio: RANKING_TRAIN_RATIO,
          seed: outerSeed,
        }).train;
  const train = selectRatings(dataset.ratings, trainPositions);
  const tuning = tuneInsideFold(
    TUNING_PROTOCOLS[options.protocol],
    train,
    { shape, scale: dataset.scale },
    {
      scheme: options.protocol,
      trials: options.trials,
      seed: rng.int(2 ** 31),
      now: options.now,
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(options.onTrial && { onTrial: options.onTrial }),
    },
  );
  return { protocol: options.protocol, ...tuning };
}
