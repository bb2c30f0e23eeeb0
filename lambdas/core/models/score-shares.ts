import { choleskyFactor, choleskySolve } from '../linalg/cholesky.ts';
import type { EaseModel } from './ease.ts';
import { gramian, type IalsModel } from './ials.ts';
import { implicitWeight } from './implicit-feedback.ts';
import type { BlendModel } from './ranking-blend.ts';
import type { RankingModel } from './ranking-model.ts';
import { standardisation, standardisedSum, type Standardisation } from './standardised-sum.ts';

/**
 * Each rated item's additive share of a recommended item's score under the model that scored it,
 * so "because you rated X" names what actually raised the score. Reads use `!` on typed arrays
 * (numeric kernel, indices in range by construction).
 */
export interface ScoreShares {
  targets: number;
  /** Rated items per target: shares[t · rated + r] is rated item r's share of target t's score. */
  rated: number;
  shares: Float64Array;
  /** The part of every target's score no rated item carries (a blend's mean shifts). */
  offset: number;
  /**
   * Per target, the part of its score that is its own rather than any rated item's (a known
   * user's popularity correction in the blend); absent when there is none.
   */
  own?: Float64Array;
}

/** The (dense item, rating) pairs a list was scored from, as the models' `foldIn` takes them. */
export interface RatedItems {
  items: Int32Array;
  values: Float32Array;
}

/**
 * Shares of the targets' scores: score(t) = offset + Σ_r shares[t · rated + r]. `user` is the
 * trained user whose `scoreUser` produced the list, when it did: a blend standardises with that
 * user's own score vectors; omit it for a fold-in. Reuses internal buffers: not re-entrant.
 */
export type ScoreExplainer = (rated: RatedItems, targets: Int32Array, user?: number) => ScoreShares;

/** The explainer of a ranking model of any kind (see easeShares, ialsShares, blendShares). */
export function scoreExplainer(model: RankingModel): ScoreExplainer {
  if (model.kind === 'ease') return easeShares(model as EaseModel);
  if (model.kind === 'ials') return ialsShares(model as IalsModel);
  if (model.kind === 'ease+ials') return blendShares(model as BlendModel);
  throw new Error(`no explanation for ranking model ${String(model.kind)}`);
}

/**
 * EASE scores are linear in the user's row x (Steck 2019): score_j = Σ_{i∈I_u} x_ui·B_ij, so
 * item i's share is exactly x_ui·B_ij, with x_ui its implicit weight. Items outside the model
 * (and ratings whose weight is 0) have no share. O(targets · rated).
 */
export function easeShares(model: EaseModel): ScoreExplainer {
  const { b, modelItems } = model;
  const n = modelItems.length;
  const column = new Int32Array(model.items).fill(-1);
  for (let c = 0; c < n; c++) column[modelItems[c]!] = c;
  return (rated, targets) => {
    const m = rated.items.length;
    const shares = new Float64Array(targets.length * m);
    for (let r = 0; r < m; r++) {
      const from = column[rated.items[r]!] ?? -1;
      const x = implicitWeight(rated.values[r]!, model.params.weighting);
      if (from < 0 || x <= 0) continue;
      for (let t = 0; t < targets.length; t++) {
        const to = column[targets[t]!] ?? -1;
        if (to >= 0) shares[t * m + r] = x * b[from * n + to]!;
      }
    }
    return { targets: targets.length, rated: m, shares, offset: 0 };
  };
}

/**
 * iALS as a weighted sum over the user's items (Hu, Koren & Volinsky 2008, "Collaborative
 * Filtering for Implicit Feedback Datasets", §5 Explaining recommendations): the user's vector is
 * x_u = W_u Σ_{i∈I_u} c_ui·y_i with W_u = (α0·YᵀY + Σ_{i∈I_u} c_ui·y_i·y_iᵀ + λ_u·I)⁻¹, the
 * fold-in solve (ials.ts `solveRow`), so
 *   score_j = y_jᵀ x_u = Σ_{i∈I_u} c_ui·(y_jᵀ W_u y_i),
 * and item i's share is c_ui·y_jᵀ W_u y_i: the confidence in i times the similarity of i and j
 * in the user's own metric W_u. One k×k Cholesky per user and one k×k solve per target; the
 * shares sum exactly to the fold-in score, and for a trained user to the score of the vector
 * re-solved against the final item factors (the stored one is one half-epoch older).
 */
export function ialsShares(model: IalsModel): ScoreExplainer {
  const { data: y, k } = model.itemFactors;
  const { params, itemCounts, items } = model;
  let gram: Float64Array | undefined;
  const a = new Float64Array(k * k);
  const z = new Float64Array(k);
  return (rated, targets) => {
    gram ??= gramian(y, k, 0, items, new Float64Array(k * k));
    const m = rated.items.length;
    const shares = new Float64Array(targets.length * m);
    const confidence = new Float64Array(m);
    let used = 0;
    for (let r = 0; r < m; r++) {
      const item = rated.items[r]!;
      const c = implicitWeight(rated.values[r]!, params.weighting);
      if (item < 0 || item >= items || itemCounts[item] === 0 || c <= 0) continue;
      confidence[r] = c;
      used++;
    }
    if (used === 0) return { targets: targets.length, rated: m, shares, offset: 0 };
    // W_u⁻¹ (lower triangle), as solveRow builds it.
    const alpha0 = params.unobservedWeight;
    for (let p = 0; p < k * k; p++) a[p] = alpha0 * gram[p]!;
    for (let r = 0; r < m; r++) {
      const c = confidence[r]!;
      if (c === 0) continue;
      const base = rated.items[r]! * k;
      for (let i = 0; i < k; i++) {
        const ci = c * y[base + i]!;
        for (let j = 0; j <= i; j++) a[i * k + j] = a[i * k + j]! + ci * y[base + j]!;
      }
    }
    const lambda =
      params.regularization * Math.pow(used + alpha0 * items, params.frequencyExponent);
    for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! + lambda;
    if (!choleskyFactor(a, k))
      throw new RangeError('iALS normal equations are not positive definite');
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t]! * k;
      for (let i = 0; i < k; i++) z[i] = y[target + i]!;
      choleskySolve(a, k, z); // z = W_u·y_j
      for (let r = 0; r < m; r++) {
        const c = confidence[r]!;
        if (c === 0) continue;
        const base = rated.items[r]! * k;
        let dot = 0;
        for (let i = 0; i < k; i++) dot += y[base + i]! * z[i]!;
        shares[t * m + r] = c * dot;
      }
    }
    return { targets: targets.length, rated: m, shares, offset: 0 };
  };
}

/**
 * Shares of wa·z(a) + wb·z(b) (standardisedSum) from the shares of each side: the blend is
 * affine in each side, so share_i = scaleA·share^a_i + scaleB·share^b_i (each target's own
 * parts likewise), and the mean shifts, common to every item, join the offset: offset = scaleA·(offset_a − meanA) + scaleB·(offset_b −
 * meanB).
 */
export function standardisedShares(
  a: ScoreShares,
  b: ScoreShares,
  s: Standardisation,
): ScoreShares {
  if (a.rated !== b.rated || a.targets !== b.targets) {
    throw new RangeError('standardisedShares: the two sides explain different lists');
  }
  const shares = new Float64Array(a.shares.length);
  for (let q = 0; q < shares.length; q++) {
    shares[q] = s.scaleA * a.shares[q]! + s.scaleB * b.shares[q]!;
  }
  const own =
    a.own || b.own
      ? Float64Array.from(
          { length: a.targets },
          (_, t) => s.scaleA * (a.own?.[t] ?? 0) + s.scaleB * (b.own?.[t] ?? 0),
        )
      : undefined;
  return {
    targets: a.targets,
    rated: a.rated,
    shares,
    offset: s.scaleA * (a.offset - s.meanA) + s.scaleB * (b.offset - s.meanB),
    ...(own && { own }),
  };
}

/**
 * The EASE + iALS blend (ranking-blend.ts): z(EASE) + w·z(iALS), with the fold-in's weight for a
 * fold-in, both sides' shares through the blend's standardisation (standardisedShares), whose
 * means and deviations come from the same score vectors the list was ranked by: the user's
 * `scoreUser` vectors, or the fold-in's. A known user's blend is then standardised again and
 * p·z(log(1 + n_t)) added: the shares scale by that second standardisation and the popularity term,
 * the target's own, goes to `own`. Costs one more scoring of both sides per call.
 */
export function blendShares(model: BlendModel): ScoreExplainer {
  const ease = easeShares(model.ease);
  const ials = ialsShares(model.ials);
  const { weight, foldInWeight, popularityWeight } = model.params;
  const easeScores = new Float32Array(model.items);
  const ialsScores = new Float32Array(model.items);
  const { popularity } = model;
  return (rated, targets, user) => {
    if (user === undefined) {
      model.ease.foldIn(rated.items, rated.values, easeScores);
      model.ials.foldIn(rated.items, rated.values, ialsScores);
    } else {
      model.ease.scoreUser(user, easeScores);
      model.ials.scoreUser(user, ialsScores);
    }
    const w = user === undefined ? foldInWeight : weight;
    const first = standardisation(easeScores, ialsScores, 1, w);
    const blended = standardisedShares(ease(rated, targets), ials(rated, targets), first);
    if (user === undefined || popularityWeight === 0) return blended;
    standardisedSum(easeScores, ialsScores, 1, w);
    const second = standardisation(easeScores, popularity, 1, popularityWeight);
    const shares = blended.shares.map((share) => second.scaleA * share);
    const own = Float64Array.from(targets, (t) => second.scaleB * popularity[t]!);
    return {
      targets: blended.targets,
      rated: blended.rated,
      shares,
      offset: second.scaleA * (blended.offset - second.meanA) - second.scaleB * second.meanB,
      own,
    };
  };
}
