import { describe, expect, it } from 'vitest';
import {
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
