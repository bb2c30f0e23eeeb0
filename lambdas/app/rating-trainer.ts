import type { RatingScale, Ratings } from '../core/dataset/dataset.ts';
import type { RatingModel, RatingModelOptions } from '../core/models/rating-model.ts';
import { trainRatingModel } from '../core/models/rating-model.ts';
import type { OnProgress } from '../core/progress.ts';

/**
 * Trains the rating model: the port through which the edges train it on a thread of its own
 * while the calling thread fits the ranking model; same arguments and seed, the same model.
 */
export type RatingTrainer = (
  train: Ratings,
  shape: { users: number; items: number },
  scale: RatingScale,
  options: RatingModelOptions | undefined,
  run: { seed?: number; onProgress?: OnProgress },
) => Promise<RatingModel>;

/** The rating model on the calling thread (the core's `trainRatingModel`), before it returns. */
export const inThreadRatingModel: RatingTrainer = async (train, shape, scale, options, run) =>
  trainRatingModel(train, shape, scale, options, run);
