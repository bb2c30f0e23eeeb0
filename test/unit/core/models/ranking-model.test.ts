import { describe, expect, it } from 'vitest';
import { defaultIalsParams } from '../../../../lambdas/core/models/ials.ts';
import type { BlendModel } from '../../../../lambdas/core/models/ranking-blend.ts';
import {
  blendIalsDefaults,
  defaultBlendWeight,
  defaultFoldInBlendWeight,
  defaultPopularityWeight,
  rankingModelFromArtifact,
  trainRankingModel,
} from '../../../../lambdas/core/models/ranking-model.ts';
import { plantedBlocks } from './ranking-fixtures.ts';

const shape = { users: 40, items: 20 };
const ratings = plantedBlocks(shape.users, shape.items, 0.5, 3);

describe('trainRankingModel', () => {
  it('chooses the EASE + iALS blend for a small catalogue', () => {
    const model = trainRankingModel(ratings, shape, {
      ease: { minCount: 1 },
      ials: { factors: 2, epochs: 2 },
    });
    expect(model.kind).toBe('ease+ials');
    expect(model.lossHistory).toHaveLength(2);
    expect(model.itemFactors?.k).toBe(2);
  });

  it("trains the blend's iALS with blendIalsDefaults under the caller's iALS parameters", () => {
    const blend = trainRankingModel(ratings, shape, {
      ease: { minCount: 1 },
      ials: { epochs: 2 },
    }) as BlendModel;
    expect(blend.ials.params).toMatchObject(blendIalsDefaults);
    const alone = trainRankingModel(ratings, shape, {
      model: 'ials',
      ials: { epochs: 2 },
    });
    expect(alone.itemFactors?.k).toBe(defaultIalsParams.factors);
    const own = trainRankingModel(ratings, shape, {
      ease: { minCount: 1 },
      ials: { factors: 4, solver: 'cholesky', epochs: 2 },
      foldInBlendWeight: 3,
    }) as BlendModel;
    expect(own.ials.params).toMatchObject({ factors: 4, solver: 'cholesky' });
    expect(own.params).toMatchObject({ weight: defaultBlendWeight, foldInWeight: 3 });
    expect(blend.params.foldInWeight).toBe(defaultFoldInBlendWeight);
    expect(blend.params.popularityWeight).toBe(defaultPopularityWeight);
    expect(own.ials.params.regularization).toBe(defaultIalsParams.regularization);
  });

  it('chooses iALS when more items are eligible than EASE may model', () => {
    const model = trainRankingModel(ratings, shape, {
      ease: { minCount: 1, maxItems: 10 },
      ials: { factors: 2, epochs: 2 },
    });
    expect(model.kind).toBe('ials');
    expect(model.itemFactors?.k).toBe(2);
    expect(model.lossHistory).toHaveLength(2);
  });

  it('obeys an explicit choice and rebuilds either kind from its artifact', () => {
    for (const kind of ['ease', 'ials', 'ease+ials'] as const) {
      const model = trainRankingModel(ratings, shape, {
        model: kind,
        ease: { minCount: 1 },
        ials: { factors: 2, epochs: 2 },
      });
      expect(model.kind).toBe(kind);
      const copy = rankingModelFromArtifact(model.toArtifact());
      const a = new Float32Array(shape.items);
      const b = new Float32Array(shape.items);
      model.foldIn(Int32Array.from([1, 2]), Float32Array.from([4, 5]), a);
      copy.foldIn(Int32Array.from([1, 2]), Float32Array.from([4, 5]), b);
      expect([...b]).toEqual([...a]);
    }
  });

  it('rejects an artifact of another model kind', () => {
    expect(() => rankingModelFromArtifact({ kind: 'popularity', params: {}, arrays: {} })).toThrow(
      /not a ranking model/,
    );
  });
});
