import { reasonsFromShares } from '../core/models/explanations.ts';
import type { RankingModel } from '../core/models/ranking-model.ts';
import {
  scoreExplainer,
  type RatedItems,
  type ScoreExplainer,
  type ScoreShares,
} from '../core/models/score-shares.ts';
import type { ModelVersion } from './model-version.ts';

/** One explainer per loaded ranking model: the iALS one caches the item Gramian. */
const explainers = new WeakMap<RankingModel, ScoreExplainer>();

/**
 * Each rated item's share of each recommended item's score under the version's ranking model
 * (core score-shares.ts). `user` is the trained user whose stored scores ranked the list; omit
 * it for a fold-in.
 */
export function rankingShares(
  ranking: RankingModel,
  recommended: Int32Array,
  rated: RatedItems,
  user?: number,
): ScoreShares {
  let explainer = explainers.get(ranking);
  if (explainer === undefined) {
    explainer = scoreExplainer(ranking);
    explainers.set(ranking, explainer);
  }
  return explainer(rated, recommended, user);
}

/**
 * "Because you rated X" for each recommended item: the rated movies with the largest positive
 * shares of its score under the ranking model that produced the list (core explanations.ts).
 */
export function explain(
  version: Pick<ModelVersion, 'ranking'>,
  recommended: Int32Array,
  rated: RatedItems,
  user?: number,
): number[][] {
  return reasonsFromShares(rankingShares(version.ranking, recommended, rated, user), rated);
}
