import { describe, expect, it } from 'vitest';
import { fitRankingModel, inThreadIals } from '../../../lambdas/app/fit-ranking-model.ts';
import { generateSyntheticDataset } from '../../../lambdas/core/dataset/synthetic-dataset.ts';
import { trainRankingModel } from '../../../lambdas/core/models/ranking-model.ts';
import {
  ialsOnWorkers,
  MIN_THREADED_RATINGS,
  trainIalsParallel,
} from '../../../lambdas/threads/parallel-ials.ts';

const data = generateSyntheticDataset({ users: 150, items: 60, ratings: 2500, seed: 3 });
const shape = { users: data.userIds.length, items: data.itemIds.length };
const params = { ials: { factors: 6, epochs: 3 } };

describe('fitRankingModel', () => {
  it('is the core’s trainRankingModel when iALS trains on the calling thread', async () => {
    const core = trainRankingModel(data.ratings, shape, params, { seed: 8 });
    const fitted = await fitRankingModel(data.ratings, shape, params, {
      seed: 8,
      ials: inThreadIals,
    });
    expect(fitted.kind).toBe('ease+ials');
    expect(fitted.toArtifact()).toEqual(core.toArtifact());
  });

  it('gives the same scores within float tolerance with iALS on two worker threads', async () => {
    const core = trainRankingModel(data.ratings, shape, params, { seed: 8 });
    const fitted = await fitRankingModel(data.ratings, shape, params, {
      seed: 8,
      ials: (train, s, p, o) => trainIalsParallel(train, s, p, { ...o, workers: 2 }),
    });
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    for (const u of [0, 41, 149]) {
      core.scoreUser(u, a);
      fitted.scoreUser(u, b);
      a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 3));
    }
  });

  it('trains small data on the calling thread even when given threads (ialsOnWorkers)', async () => {
    const core = trainRankingModel(data.ratings, shape, params, { seed: 8 });
    const fitted = await fitRankingModel(data.ratings, shape, params, {
      seed: 8,
      ials: ialsOnWorkers(2),
    });
    expect(data.ratings.user.length).toBeLessThan(MIN_THREADED_RATINGS);
    expect(fitted.toArtifact()).toEqual(core.toArtifact());
  });
});
