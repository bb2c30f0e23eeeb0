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
    const model = trainEase(tiny, shape, { lambda: 1, userExponent: 0, minCount: 1 });
    const b = model.toArtifact().arrays.b!;
    [0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 6));
    const out = new Float32Array(3);
    model.scoreUser(1, out); // x = [0,1,1] → x·B = [.5, .5, .5]
    [0.5, 0.5, 0.5].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('leaves items below minCount out of the model and never scores them', () => {
    const model = trainEase(tiny, shape, { lambda: 1, minCount: 3 });
    expect([...model.modelItems]).toEqual([1]);
    expect([...model.itemUsers]).toEqual([0, 3, 0]);
    expect([...trainEase(tiny, shape, { minCount: 1 }).itemUsers]).toEqual([2, 3, 2]);
    const out = new Float32Array(3);
    model.scoreUser(0, out);
    expect(out[0]).toBe(-Infinity);
    expect(out[2]).toBe(-Infinity);
    expect(out[1]).toBe(0);
  });

  it('solves on the user-weighted Gram matrix XᵀDX, d_u = s·|u|^−γ, keeping its trace', () => {
    const ratings = plantedBlocks(12, 6, 0.6, 4);
    const n = 6;
    const rows: number[][] = Array.from({ length: 12 }, () => []);
    ratings.user.forEach((u, k) => rows[u]!.push(ratings.item[k]!));
    for (const gamma of [0, 0.5, 1]) {
      const lambda = 3;
      // Direct dense computation: G = Σ_u d_u x_u x_uᵀ + λI, P = G⁻¹ by Gauss–Jordan.
      const active = rows.filter((r) => r.length > 0);
      const s =
        active.reduce((a, r) => a + r.length, 0) /
        active.reduce((a, r) => a + r.length ** (1 - gamma), 0);
      const g = Array.from({ length: n }, (_, i) =>
        Array.from({ length: 2 * n }, (_, j) => (j === i ? lambda : j === n + i ? 1 : 0)),
      );
      for (const r of active) {
        const d = s * r.length ** -gamma;
        for (const a of r) for (const c of r) g[a]![c]! += d;
      }
      for (let c = 0; c < n; c++) {
        const pivot = g[c]![c]!;
        for (let j = 0; j < 2 * n; j++) g[c]![j]! /= pivot;
        for (let r = 0; r < n; r++) {
          if (r === c) continue;
          const f = g[r]![c]!;
          for (let j = 0; j < 2 * n; j++) g[r]![j]! -= f * g[c]![j]!;
        }
      }
      const p = (i: number, j: number) => g[i]![n + j]!;
      const model = trainEase(
        ratings,
        { users: 12, items: n },
        {
          lambda,
          userExponent: gamma,
          minCount: 1,
        },
      );
      const b = model.toArtifact().arrays.b!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(b[i * n + j]).toBeCloseTo(i === j ? 0 : -p(i, j) / p(j, j), 5);
        }
      }
    }
  });

  it("lets a heavy rater's co-occurrences count less as γ grows", () => {
    // User 0 rates items 0–5; users 1–8 rate the pairs {0,1} or {2,3}. Items 0 and 2 co-occur
    // only through user 0, whose weight falls with γ.
    const triples: [number, number, number][] = [0, 1, 2, 3, 4, 5].map((i) => [0, i, 4]);
    for (let u = 1; u <= 8; u++) {
      const first = u % 2 === 0 ? 0 : 2;
      triples.push([u, first, 4], [u, first + 1, 4]);
    }
    const ratings = ratingsOf(triples);
    const weight = (gamma: number) => {
      const model = trainEase(
        ratings,
        { users: 9, items: 6 },
        {
          lambda: 1,
          userExponent: gamma,
          minCount: 1,
        },
      );
      return model.toArtifact().arrays.b![0 * 6 + 2]!;
    };
    expect(weight(0.5)).toBeLessThan(weight(0));
    expect(weight(1)).toBeLessThan(weight(0.5));
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
