import type { Ratings } from '../dataset/dataset.ts';
import { selectRatings } from '../dataset/sparse-matrix.ts';
import { RATING_CV_FOLDS } from '../evaluation/rating-cv5.ts';
import { kFold } from '../evaluation/kfold.ts';
import { RANKING_TRAIN_RATIO } from '../evaluation/ranking-stratified75.ts';
import { stratifiedSplit } from '../evaluation/stratified-split.ts';

/**
 * How a validation set is carved out of training ratings: with the split of the protocol the
 * figures will be reported under (`rating-cv5`: one of 5 k-fold folds; `ranking-stratified75`:
 * 25% of each movie's ratings), or `user-holdout`, 10% of each user's ratings, as the training
 * pipeline holds out to measure a version.
 */
export const VALIDATION_SCHEMES = ['rating-cv5', 'ranking-stratified75', 'user-holdout'] as const;
export type ValidationScheme = (typeof VALIDATION_SCHEMES)[number];

/** Share of each user's ratings the pipeline holds out (trainModelVersion's default). */
export const USER_HOLDOUT = 0.1;

export interface ValidationSplit {
  /** The ratings trials train on. */
  fit: Ratings;
  /** The ratings trials are judged on. */
  validation: Ratings;
}

/**
 * Splits `train` — training ratings only, never a protocol's test fold — into a fit part and a
 * validation part by `scheme`, seeded.
 */
export function validationSplit(
  train: Ratings,
  shape: { users: number; items: number },
  scheme: ValidationScheme,
  seed: number,
): ValidationSplit {
  const split =
    scheme === 'rating-cv5'
      ? kFold(train.value.length, { folds: RATING_CV_FOLDS, seed })[0]!
      : scheme === 'ranking-stratified75'
        ? stratifiedSplit(train, shape.items, { by: 'item', ratio: RANKING_TRAIN_RATIO, seed })
        : stratifiedSplit(train, shape.users, { by: 'user', ratio: 1 - USER_HOLDOUT, seed });
  return { fit: selectRatings(train, split.train), validation: selectRatings(train, split.test) };
}
