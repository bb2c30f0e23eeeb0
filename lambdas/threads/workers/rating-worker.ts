/** Worker side of trainRatingModelOnWorker: trains the rating model once, posting its progress. */
import { parentPort } from 'node:worker_threads';
import type { RatingScale, Ratings } from '../../core/dataset/dataset.ts';
import type { RatingModelOptions, RatingModelState } from '../../core/models/rating-model.ts';
import { ratingModelState, trainRatingModel } from '../../core/models/rating-model.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import { workerInit, type WorkerScript } from '../worker-pool.ts';

/** This script, for `startWorker`; importing it also puts it in a bundle. */
export const ratingWorker: WorkerScript = { name: 'rating-model', url: new URL(import.meta.url) };

export interface RatingWorkerData {
  /** The training ratings, in shared memory. */
  train: Ratings;
  shape: { users: number; items: number };
  scale: RatingScale;
  options: RatingModelOptions | undefined;
  seed: number | undefined;
  /** Whether the caller listens to progress (else no event is posted). */
  progress: boolean;
}

/** A progress event while training, then the trained model's parts. */
export type RatingWorkerMessage = { progress: ProgressEvent } | { model: RatingModelState };

const init = workerInit<RatingWorkerData>(ratingWorker.name);
if (init !== undefined) train(init);

/** Errors are thrown, not posted: the caller's `error` event rejects with the core's message. */
function train({ train, shape, scale, options, seed, progress }: RatingWorkerData): void {
  const post = (message: RatingWorkerMessage, transfer: ArrayBuffer[] = []): void =>
    parentPort!.postMessage(message, transfer);
  const model = trainRatingModel(train, shape, scale, options, {
    ...(seed !== undefined && { seed }),
    ...(progress && { onProgress: (event: ProgressEvent) => post({ progress: event }) }),
  });
  const state = ratingModelState(model);
  const arrays = [state.userBias, state.itemBias, state.userFactors, state.itemFactors];
  post({ model: state }, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
}
