import type { RatingTrainer } from '../app/rating-trainer.ts';
import { inThreadRatingModel } from '../app/rating-trainer.ts';
import type { RatingModel } from '../core/models/rating-model.ts';
import { ratingModelFromState } from '../core/models/rating-model.ts';
import { startWorker, toShared } from './worker-pool.ts';
import {
  ratingWorker,
  type RatingWorkerData,
  type RatingWorkerMessage,
} from './workers/rating-worker.ts';

/**
 * The core's `trainRatingModel` on a worker thread of its own: the ratings go over in shared
 * memory, progress events come back as messages (delivered when the calling thread's event loop
 * is free), and the model's parts come back transferred, rebuilt by `ratingModelFromState`. The
 * same code with the same seed, so the same model bit for bit. Rejects when the worker throws or
 * exits early; the worker is terminated in every case.
 */
export const trainRatingModelOnWorker: RatingTrainer = (train, shape, scale, options, run) => {
  const data: RatingWorkerData = {
    train: {
      user: toShared(train.user),
      item: toShared(train.item),
      value: toShared(train.value),
      timestamp: toShared(train.timestamp),
    },
    shape,
    scale,
    options,
    seed: run.seed,
    progress: run.onProgress !== undefined,
  };
  const worker = startWorker(ratingWorker, data);
  const model = new Promise<RatingModel>((resolve, reject) => {
    worker.on('message', (message: RatingWorkerMessage) => {
      try {
        if ('progress' in message) run.onProgress?.(message.progress);
        else resolve(ratingModelFromState(message.model));
      } catch (error) {
        reject(error as Error);
      }
    });
    worker.on('error', reject);
    // After a resolve this changes nothing; before one, the worker died without a model.
    worker.on('exit', (code) =>
      reject(new Error(`rating model worker exited with code ${code} before its model`)),
    );
  });
  return model.finally(() => worker.terminate());
};

/**
 * The `RatingTrainer` port on a worker thread when there are at least 2 threads to train on (the
 * calling thread fits the ranking model meanwhile), else on the calling thread.
 */
export const ratingModelOnWorker = (threads: number): RatingTrainer =>
  threads >= 2 ? trainRatingModelOnWorker : inThreadRatingModel;
