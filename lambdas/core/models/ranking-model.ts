import type { Ratings } from '../dataset/dataset.ts';
import type { OnProgress } from '../progress.ts';
import type { ModelArtifact } from './artifact.ts';
import { defaultEaseParams, easeFromArtifact, trainEase, type EaseParams } from './ease.ts';
import { ialsFromArtifact, trainIals, type IalsParams } from './ials.ts';
import { implicitWeight } from './implicit-feedback.ts';

/** A trained top-N model: scores every item of the catalogue for a known or anonymous user. */
export interface RankingModel {
  kind: 'ease' | 'ials';
  params: object;
  users: number;
  items: number;
  /** Writes a score for every item into out (length items); −Infinity = never recommend. */
  scoreUser(user: number, out: Float32Array): void;
  /**
   * Scores an anonymous user known only by (item, rating) pairs: one regularised least-squares
   * solve against the fixed item factors (iALS) or x·B (EASE). Reuses internal buffers, so it is
   * not re-entrant.
   */
  foldIn(items: Int32Array, ratings: Float32Array, out: Float32Array): void;
  /** Row-major items × k latent item factors when the model has them. */
  itemFactors?: { data: Float32Array; k: number };
  /** Training objective after each epoch (empty for closed-form models). */
  lossHistory: number[];
  toArtifact(): ModelArtifact;
}

export interface RankingParams {
  /** 'auto' picks EASE when at most `easeMaxItems` items are eligible, iALS otherwise. */
  model: 'auto' | 'ease' | 'ials';
  ease: Partial<EaseParams>;
  ials: Partial<IalsParams>;
}

/**
 * Largest number of eligible items for which 'auto' chooses EASE: its n³/2 inverse takes about
 * 10–20 s at n = 1,700 on a busy 2-core machine and grows cubically, while iALS grows linearly.
 */
export const easeMaxItems = 3000;

/**
 * Trains the ranking model. 'auto' counts items with ≥ ease.minCount interactions: if at most
 * easeMaxItems, EASE (more accurate on small catalogues), otherwise iALS.
 */
export function trainRankingModel(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<RankingParams> = {},
  options: { seed?: number; onProgress?: OnProgress } = {},
): RankingModel {
  const choice = params.model ?? 'auto';
  const ease = { ...defaultEaseParams, ...params.ease };
  if (choice === 'ease') return trainEase(train, shape, ease, options);
  if (choice === 'ials') return trainIals(train, shape, params.ials, options);
  const counts = new Int32Array(shape.items);
  for (let k = 0; k < train.item.length; k++) {
    if (implicitWeight(train.value[k]!, ease.weighting) > 0) counts[train.item[k]!]!++;
  }
  let eligible = 0;
  for (let i = 0; i < shape.items; i++) if (counts[i]! >= Math.max(1, ease.minCount)) eligible++;
  return eligible <= Math.min(easeMaxItems, ease.maxItems)
    ? trainEase(train, shape, ease, options)
    : trainIals(train, shape, params.ials, options);
}

/** Rebuilds a ranking model of either kind from its artifact. */
export function rankingModelFromArtifact(artifact: ModelArtifact): RankingModel {
  if (artifact.kind === 'ease') return easeFromArtifact(artifact);
  if (artifact.kind === 'ials') return ialsFromArtifact(artifact);
  throw new Error(`not a ranking model artifact: ${artifact.kind}`);
}
