import type { Ratings } from '../core/dataset/dataset.ts';
import { defaultEaseParams, trainEase } from '../core/models/ease.ts';
import type { IalsModel, IalsParams } from '../core/models/ials.ts';
import { trainIals } from '../core/models/ials.ts';
import { blendRankingModels } from '../core/models/ranking-blend.ts';
import type { RankingModel, RankingParams } from '../core/models/ranking-model.ts';
import {
  blendIalsParams,
  defaultBlendWeight,
  defaultFoldInBlendWeight,
  defaultPopularityWeight,
  rankingModelChoice,
} from '../core/models/ranking-model.ts';
import type { OnProgress } from '../core/progress.ts';

/**
 * Trains iALS: the port through which the edges train it on as many threads as they have
 * (`trainIalsParallel`); same parameters and seed, same model within float tolerance.
 */
export type IalsTrainer = (
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<IalsParams> | undefined,
  options: { seed?: number; onProgress?: OnProgress },
) => Promise<IalsModel>;

/** iALS on the calling thread (the core's `trainIals`). */
export const inThreadIals: IalsTrainer = async (train, shape, params, options) =>
  trainIals(train, shape, params, options);

/**
 * The core's `trainRankingModel` with iALS trained through `ials`: the same choice of model, the
 * same seeds, so the same model as the core's up to where `ials` sums in another order.
 */
export async function fitRankingModel(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<RankingParams>,
  options: { seed?: number; onProgress?: OnProgress; ials: IalsTrainer },
): Promise<RankingModel> {
  const { ials, ...fit } = options;
  const ease = { ...defaultEaseParams, ...params.ease };
  const choice = rankingModelChoice(train, shape, params);
  if (choice === 'ease') return trainEase(train, shape, ease, fit);
  if (choice === 'ials') return ials(train, shape, params.ials, fit);
  const easeModel = trainEase(train, shape, ease, fit);
  return blendRankingModels(
    easeModel,
    await ials(train, shape, blendIalsParams(params), fit),
    params.blendWeight ?? defaultBlendWeight,
    params.foldInBlendWeight ?? defaultFoldInBlendWeight,
    params.popularityWeight ?? defaultPopularityWeight,
  );
}
