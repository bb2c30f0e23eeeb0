import { describe, expect, it } from 'vitest';
import { easeFromArtifact, trainEase } from '../../../../lambdas/core/models/ease.ts';
import { plantedBlocks, ratingsOf } from './ranking-fixtures.ts';

// u0 rated items 0, 1; u1 items 1, 2; u2 all three. With λ = 1:
// XᵀX + I = [[3,2,1],[2,4,2],[1,2,3]], P = [[.5,-.25,0],[-.25,.5,-.25],[0,-.25,.5]],
// B_ij = −P_ij/P_jj = [[0,.5,0],[.5,0,.5],[0,.5,0]].
const tiny = ratingsOf([
  [0, 0, 5],
  [0, 1, 3],
  [1, 1, 4],
  [1, 2, 2],
  [2, 0, 1],
  [2, 1, 5],
  [2, 2, 4],
]);
const shape = { users: 3, items: 3 };

describe('trainEase', () => {
  it('matches the hand-computed 3-item solution with a zero diagonal', () => {
    const model = trainEase(tiny, shape, { lambda: 1, minCount: 1 });
    const b = model.toArtifact().arrays.b!;
    [0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 6));
    const out = new Float32Array(3);
    model.scoreUser(1, out); // x = [0,1,1] → x·B = [.5, .5, .5]
    [0.5, 0.5, 0.5].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('leaves items below minCount out of the model and never scores them', () => {
    const model = trainEase(tiny, shape, { lambda: 1, minCount: 3 });
    expect([...model.modelItems]).toEqual([1]);
    const out = new Float32Array(3);
    model.scoreUser(0, out);
    expect(out[0]).toBe(-Infinity);
    expect(out[2]).toBe(-Infinity);
    expect(out[1]).toBe(0);
  });

  it('keeps only the maxItems most frequent items', () => {
    const model = trainEase(tiny, shape, { lambda: 1, minCount: 1, maxItems: 2 });
    expect([...model.modelItems]).toEqual([0, 1]); // item 1 (3 users), then 0 before 2 on the tie
  });

  it('scores within the planted block and folds in an anonymous user the same way', () => {
    const ratings = plantedBlocks(40, 20, 0.5, 1);
    const model = trainEase(ratings, { users: 40, items: 20 }, { lambda: 5, minCount: 1 });
    const known = new Float32Array(20);
    model.scoreUser(3, known);
    const blockMean = (s: Float32Array, from: number) =>
      s.slice(from, from + 10).reduce((a, b) => a + b, 0) / 10;
    expect(blockMean(known, 0)).toBeGreaterThan(blockMean(known, 10));

    const own = [...ratings.item.filter((_, k) => ratings.user[k] === 3)];
    const folded = new Float32Array(20);
    model.foldIn(Int32Array.from(own), new Float32Array(own.length).fill(4), folded);
    folded.forEach((v, i) => expect(v).toBeCloseTo(known[i]!, 5));
  });

  it('round-trips through its artifact and rejects a truncated one', () => {
    const model = trainEase(tiny, shape, { lambda: 2, minCount: 1 });
    const copy = easeFromArtifact(model.toArtifact());
    const a = new Float32Array(3);
    const b = new Float32Array(3);
    model.scoreUser(2, a);
    copy.scoreUser(2, b);
    expect([...b]).toEqual([...a]);
    expect(copy.params).toEqual(model.params);

    const artifact = model.toArtifact();
    artifact.arrays.b = artifact.arrays.b!.slice(1);
    expect(() => easeFromArtifact(artifact)).toThrow(/b has 8 values, expected 9/);
  });
});
