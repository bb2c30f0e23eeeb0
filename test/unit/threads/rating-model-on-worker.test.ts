import { describe, expect, it } from 'vitest';
import { inThreadRatingModel } from '../../../lambdas/app/rating-trainer.ts';
import { trainModelVersion } from '../../../lambdas/app/train-model-version.ts';
import { itemCount, userCount } from '../../../lambdas/core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../../lambdas/core/dataset/synthetic-dataset.ts';
import { trainRatingModel } from '../../../lambdas/core/models/rating-model.ts';
import type { ProgressEvent } from '../../../lambdas/core/progress.ts';
import {
  ratingModelOnWorker,
  trainRatingModelOnWorker,
} from '../../../lambdas/threads/rating-model-on-worker.ts';

const dataset = generateSyntheticDataset({ users: 70, items: 45, ratings: 1200, seed: 5 });
const shape = { users: userCount(dataset), items: itemCount(dataset) };
const options = { sgd: { epochs: 6 }, bayesian: { sweeps: 12, burnIn: 4 }, bayesianWeight: 0.6 };

describe('trainRatingModelOnWorker', () => {
  it('gives the in-thread model bit for bit, and the same progress events', async () => {
    const coreEvents: ProgressEvent[] = [];
    const core = trainRatingModel(dataset.ratings, shape, dataset.scale, options, {
      seed: 11,
      onProgress: (event) => coreEvents.push(event),
    });
    const workerEvents: ProgressEvent[] = [];
    const model = await trainRatingModelOnWorker(dataset.ratings, shape, dataset.scale, options, {
      seed: 11,
      onProgress: (event) => workerEvents.push(event),
    });

    expect(model.toArtifact()).toEqual(core.toArtifact());
    expect(model.recipe).toEqual(core.recipe);
    expect(model.lossHistory).toEqual(core.lossHistory);
    for (let u = 0; u < shape.users; u++) {
      for (let i = 0; i < shape.items; i += 4) {
        expect(Object.is(model.predict(u, i), core.predict(u, i))).toBe(true);
      }
    }
    expect(coreEvents.length).toBeGreaterThan(options.sgd.epochs);
    expect(workerEvents).toEqual(coreEvents);
  });

  it('differs with the seed (the seed reaches the worker)', async () => {
    const core = trainRatingModel(dataset.ratings, shape, dataset.scale, options, { seed: 11 });
    const model = await trainRatingModelOnWorker(dataset.ratings, shape, dataset.scale, options, {
      seed: 12,
    });
    expect(Array.from(model.itemFactors)).not.toEqual(Array.from(core.itemFactors));
  });

  it('rejects with the core’s message on a bad parameter', async () => {
    const bad = { ...options, bayesianWeight: 1.5 };
    expect(() => trainRatingModel(dataset.ratings, shape, dataset.scale, bad)).toThrow(
      'bayesianWeight must be in [0, 1], got 1.5',
    );
    await expect(
      trainRatingModelOnWorker(dataset.ratings, shape, dataset.scale, bad, { seed: 1 }),
    ).rejects.toThrow('rating model: bayesianWeight must be in [0, 1], got 1.5');
  });

  it('rejects when the caller’s progress listener throws', async () => {
    const run = {
      seed: 1,
      onProgress: () => {
        throw new Error('listener failed');
      },
    };
    await expect(
      trainRatingModelOnWorker(dataset.ratings, shape, dataset.scale, options, run),
    ).rejects.toThrow('listener failed');
  });
});

describe('ratingModelOnWorker', () => {
  it('trains on the calling thread when there is one thread, on a worker from two', () => {
    expect(ratingModelOnWorker(1)).toBe(inThreadRatingModel);
    expect(ratingModelOnWorker(2)).toBe(trainRatingModelOnWorker);
  });

  it('lets trainModelVersion write the same version as with the rating model in-thread', async () => {
    const train = (worker: boolean) =>
      trainModelVersion(dataset, {
        version: 'v-overlap',
        createdAt: '2026-01-02T03:04:05.000Z',
        seed: 3,
        now: () => 0,
        rating: options,
        ranking: { ials: { factors: 6, epochs: 3 } },
        ...(worker && { ratingTrainer: trainRatingModelOnWorker }),
      });
    const [inThread, onWorker] = [await train(false), await train(true)];
    expect([...onWorker.files.keys()]).toEqual([...inThread.files.keys()]);
    for (const [name, bytes] of inThread.files)
      expect(onWorker.files.get(name), name).toEqual(bytes);
  });
});
