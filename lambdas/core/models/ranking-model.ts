import type { Ratings } from '../dataset/dataset.ts';
import type { OnProgress } from '../progress.ts';
import type { ModelArtifact } from './artifact.ts';
import { defaultEaseParams, easeFromArtifact, trainEase, type EaseParams } from './ease.ts';
import { ialsFromArtifact, trainIals, type IalsParams } from './ials.ts';
import { implicitWeight } from './implicit-feedback.ts';
import { blendFromArtifact, blendRankingModels } from './ranking-blend.ts';

/** A trained top-N model: scores every item of the catalogue for a known or anonymous user. */
export interface RankingModel {
  kind: 'ease' | 'ials' | 'ease+ials';
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
  /**
   * 'auto' picks the EASE + iALS blend when at most `easeMaxItems` items are eligible for EASE,
   * iALS alone otherwise.
   */
  model: 'auto' | 'ease' | 'ials' | 'ease+ials';
  ease: Partial<EaseParams>;
  /** iALS parameters; in the blend they override `blendIalsDefaults`. */
  ials: Partial<IalsParams>;
  /** Weight of the standardised iALS scores in the blend (EASE has weight 1). */
  blendWeight: number;
  /** The same weight in an anonymous user's fold-in. */
  foldInBlendWeight: number;
  /** Weight of z(log(1 + training users)) added to a known user's blend. */
  popularityWeight: number;
}

/**
 * Largest number of eligible items for which 'auto' uses EASE: its n³/2 inverse takes about
 * 10–20 s at n = 1,700 on a busy 2-core machine and grows cubically, while iALS grows linearly.
 */
export const easeMaxItems = 3000;

/**
 * Measured (per-user split, now ranking-stratified75-user, seeds 42 and 7): on the ML-100K-like
 * proxy weight 0.5 adds 0.007–0.010 nDCG@10 over EASE alone; on ml-latest-small, where iALS alone
 * is much weaker than EASE, it costs 0.003. Larger weights widen both effects. Rechecked with
 * the blend's 128-factor iALS on ranking-stratified75 (seeds 42–46): 0.7 and 1 lose 0.002 and
 * 0.004 nDCG@10 on the proxy; 0.7 gains 0.001 on ml-latest-small.
 */
export const defaultBlendWeight = 0.5;

/**
 * The weight of iALS in an anonymous user's fold-in (`RankingModel.foldIn`). With EASE at λ 400
 * and user weighting, which suit known users but not new ones, the fold-in leans on iALS.
 * ranking-heldout-users, seeds 42–46, nDCG@10 at weight 0.5 / 1.5 / 2 / 2.5 / 3.5–4:
 * ml-latest-small – / 0.281 / 0.285 / 0.287 / 0.285 (EASE alone 0.277); ML-100K-like proxy
 * 0.321 / 0.324 / 0.322 / 0.320 / 0.312 (EASE alone 0.317). 2.5 has the best sum.
 */
export const defaultFoldInBlendWeight = 2.5;

/**
 * β of the popularity term of a known user's blend (`blendRankingModels`): negative, the blend
 * favours popular movies a little more than the per-movie split rewards. ranking-stratified75,
 * seeds 42–46, nDCG@10 for β 0 / −0.1 / −0.2 / −0.3 / −0.4: ML-100K-like proxy 0.4278 / 0.4285 /
 * 0.4289 / 0.4276 / 0.4231, ml-latest-small 0.4118 / 0.4141 / 0.4155 / 0.4162 / 0.4138; β > 0
 * loses on both. Not applied to the fold-in, where it is unmeasured.
 */
export const defaultPopularityWeight = -0.2;

/**
 * iALS as the blend's second model: 128 factors solved by 3 conjugate-gradient steps per row,
 * cheaper to train than 64 exact ones (ranking fit on ml-latest-small 3.3 s vs 5.4 s, load ≈ 3).
 * Against 64 exact factors (ranking-stratified75, seeds 42–46, nDCG@10): ML-100K-like proxy
 * 0.428 vs 0.429, ml-latest-small 0.412 vs 0.413; the fold-in (weight 2.5, ranking-heldout-users,
 * ml-latest-small) 0.287 vs 0.282. λ 0.02 instead of 0.01 gains 0.003 on the proxy's known
 * users but loses 0.0015 on ml-latest-small's and 0.013 in the fold-in.
 */
export const blendIalsDefaults: Partial<IalsParams> = {
  factors: 128,
  solver: 'cg',
};

/** The iALS parameters of the blend: `blendIalsDefaults` overridden by `params.ials`. */
export function blendIalsParams(params: Partial<RankingParams>): Partial<IalsParams> {
  return { ...blendIalsDefaults, ...params.ials };
}

/**
 * The model 'auto' stands for: the items with ≥ ease.minCount interactions are counted; if at
 * most easeMaxItems (and ease.maxItems), EASE blended with iALS (most accurate on small
 * catalogues; see ranking-blend.ts), otherwise iALS alone, whose cost is linear in users, items
 * and ratings. Any other choice is returned as is.
 */
export function rankingModelChoice(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<RankingParams> = {},
): Exclude<RankingParams['model'], 'auto'> {
  const ease = { ...defaultEaseParams, ...params.ease };
  const choice = params.model ?? 'auto';
  if (choice !== 'auto') return choice;
  const counts = new Int32Array(shape.items);
  for (let k = 0; k < train.item.length; k++) {
    if (implicitWeight(train.value[k]!, ease.weighting) > 0) counts[train.item[k]!]!++;
  }
  let eligible = 0;
  for (let i = 0; i < shape.items; i++) if (counts[i]! >= Math.max(1, ease.minCount)) eligible++;
  return eligible <= Math.min(easeMaxItems, ease.maxItems) ? 'ease+ials' : 'ials';
}

/** Trains the ranking model `rankingModelChoice` picks, on the calling thread. */
export function trainRankingModel(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<RankingParams> = {},
  options: { seed?: number; onProgress?: OnProgress } = {},
): RankingModel {
  const ease = { ...defaultEaseParams, ...params.ease };
  const choice = rankingModelChoice(train, shape, params);
  if (choice === 'ease') return trainEase(train, shape, ease, options);
  if (choice === 'ials') return trainIals(train, shape, params.ials, options);
  return blendRankingModels(
    trainEase(train, shape, ease, options),
    trainIals(train, shape, blendIalsParams(params), options),
    params.blendWeight ?? defaultBlendWeight,
    params.foldInBlendWeight ?? defaultFoldInBlendWeight,
    params.popularityWeight ?? defaultPopularityWeight,
  );
}

/** Rebuilds a ranking model of any kind from its artifact. */
export function rankingModelFromArtifact(artifact: ModelArtifact): RankingModel {
  if (artifact.kind === 'ease') return easeFromArtifact(artifact);
  if (artifact.kind === 'ials') return ialsFromArtifact(artifact);
  if (artifact.kind === 'ease+ials') return blendFromArtifact(artifact);
  throw new Error(`not a ranking model artifact: ${artifact.kind}`);
}
