import type { ModelArtifact, NumericArray } from './artifact.ts';
import { easeFromArtifact, type EaseModel } from './ease.ts';
import { ialsFromArtifact, type IalsModel } from './ials.ts';
import type { RankingModel } from './ranking-model.ts';
import { standardisedSum } from './standardised-sum.ts';

/**
 * Blend of an EASE and an iALS model trained on the same data. Reads use `!` on typed arrays
 * (numeric kernel, indices in range).
 */
export interface BlendModel extends RankingModel {
  kind: 'ease+ials';
  params: {
    weight: number;
    foldInWeight: number;
    popularityWeight: number;
    ease: EaseModel['params'];
    ials: IalsModel['params'];
  };
  ease: EaseModel;
  ials: IalsModel;
  /** log(1 + n_i), n_i the training users of item i: the known users' popularity term. */
  popularity: Float32Array;
}

/**
 * Scores a user by z(EASE) + weight·z(iALS), standardised over the items both models score
 * (standardisedSum). The two models err differently — EASE on item-item co-occurrence, iALS
 * through a low-rank user taste (measured gains: see `defaultBlendWeight`). An anonymous user's
 * fold-in uses foldInWeight instead (`defaultFoldInBlendWeight`). A known user's blend is then
 * standardised again and popularityWeight·z(log(1 + n_i)) added, n_i the training users of item i
 * (`defaultPopularityWeight`). Items outside the EASE model stay −Infinity.
 */
export function blendRankingModels(
  ease: EaseModel,
  ials: IalsModel,
  weight: number,
  foldInWeight = weight,
  popularityWeight = 0,
): BlendModel {
  if (ease.items !== ials.items || ease.users !== ials.users) {
    throw new Error('blend: EASE and iALS models have different shapes');
  }
  const items = ease.items;
  const other = new Float32Array(items);

  const combine = (out: Float32Array, w: number): void => standardisedSum(out, other, 1, w);
  const popularity = Float32Array.from(ease.itemUsers, (n) => Math.log1p(n));

  return {
    kind: 'ease+ials',
    params: { weight, foldInWeight, popularityWeight, ease: ease.params, ials: ials.params },
    users: ease.users,
    items,
    ease,
    ials,
    popularity,
    itemFactors: ials.itemFactors,
    lossHistory: ials.lossHistory,
    scoreUser(user, out) {
      ease.scoreUser(user, out);
      ials.scoreUser(user, other);
      combine(out, weight);
      if (popularityWeight !== 0) standardisedSum(out, popularity, 1, popularityWeight);
    },
    foldIn(itemList, ratings, out) {
      ease.foldIn(itemList, ratings, out);
      ials.foldIn(itemList, ratings, other);
      combine(out, foldInWeight);
    },
    toArtifact(): ModelArtifact {
      const e = ease.toArtifact();
      const i = ials.toArtifact();
      const arrays: Record<string, NumericArray> = {};
      for (const [name, array] of Object.entries(e.arrays)) arrays[`ease.${name}`] = array;
      for (const [name, array] of Object.entries(i.arrays)) arrays[`ials.${name}`] = array;
      const params = { weight, foldInWeight, popularityWeight, ease: e.params, ials: i.params };
      return { kind: 'ease+ials', params, arrays };
    },
  };
}

/** Rebuilds a blend from its artifact (each part validated by its own `fromArtifact`). */
export function blendFromArtifact(artifact: ModelArtifact): BlendModel {
  if (artifact.kind !== 'ease+ials') {
    throw new Error(`expected an ease+ials artifact, got ${artifact.kind}`);
  }
  const {
    weight,
    foldInWeight = weight,
    popularityWeight = 0,
    ease,
    ials,
  } = artifact.params as {
    weight: unknown;
    /** Absent from artifacts written before it existed: the fold-in then used `weight`. */
    foldInWeight?: unknown;
    /** Absent likewise: no popularity term. */
    popularityWeight?: unknown;
    ease: Record<string, unknown>;
    ials: Record<string, unknown>;
  };
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    throw new Error('ease+ials artifact: weight must be a number');
  }
  if (typeof foldInWeight !== 'number' || !Number.isFinite(foldInWeight)) {
    throw new Error('ease+ials artifact: foldInWeight must be a number');
  }
  if (typeof popularityWeight !== 'number' || !Number.isFinite(popularityWeight)) {
    throw new Error('ease+ials artifact: popularityWeight must be a number');
  }
  const part = (prefix: string): Record<string, NumericArray> => {
    const arrays: Record<string, NumericArray> = {};
    for (const [name, array] of Object.entries(artifact.arrays)) {
      if (name.startsWith(prefix)) arrays[name.slice(prefix.length)] = array;
    }
    return arrays;
  };
  return blendRankingModels(
    easeFromArtifact({ kind: 'ease', params: ease, arrays: part('ease.') }),
    ialsFromArtifact({ kind: 'ials', params: ials, arrays: part('ials.') }),
    weight,
    foldInWeight,
    popularityWeight,
  );
}
