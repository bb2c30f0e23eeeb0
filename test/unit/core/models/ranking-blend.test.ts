import { describe, expect, it } from 'vitest';
import { trainEase } from '../../../../lambdas/core/models/ease.ts';
import { trainIals } from '../../../../lambdas/core/models/ials.ts';
import {
  blendFromArtifact,
  blendRankingModels,
} from '../../../../lambdas/core/models/ranking-blend.ts';
import { plantedBlocks } from './ranking-fixtures.ts';

const shape = { users: 40, items: 20 };
const ratings = plantedBlocks(shape.users, shape.items, 0.5, 4);
const ease = trainEase(ratings, shape, { lambda: 5, minCount: 1 });
const ials = trainIals(ratings, shape, { factors: 2, epochs: 3 }, { seed: 1 });

/** Scores standardised over the items (mean 0, population standard deviation 1). */
function standardised(scores: Float32Array): number[] {
  const n = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return [...scores].map((v) => (v - mean) / sd);
}

describe('blendRankingModels', () => {
  it('adds the standardised scores of both models with the given weight', () => {
    const blend = blendRankingModels(ease, ials, 0.5);
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    const out = new Float32Array(shape.items);
    ease.scoreUser(5, a);
    ials.scoreUser(5, b);
    blend.scoreUser(5, out);
    const za = standardised(a);
    const zb = standardised(b);
    out.forEach((v, i) => expect(v).toBeCloseTo(za[i]! + 0.5 * zb[i]!, 4));
  });

  it('folds an anonymous user in with the fold-in weight, a known user with the other', () => {
    const blend = blendRankingModels(ease, ials, 0.5, 2.5);
    const items = Int32Array.from([0, 3, 7]);
    const ratingsIn = Float32Array.from([4, 5, 3]);
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    const out = new Float32Array(shape.items);
    ease.foldIn(items, ratingsIn, a);
    ials.foldIn(items, ratingsIn, b);
    blend.foldIn(items, ratingsIn, out);
    const za = standardised(a);
    const zb = standardised(b);
    out.forEach((v, i) => expect(v).toBeCloseTo(za[i]! + 2.5 * zb[i]!, 4));

    ease.scoreUser(5, a);
    ials.scoreUser(5, b);
    blend.scoreUser(5, out);
    const ka = standardised(a);
    const kb = standardised(b);
    out.forEach((v, i) => expect(v).toBeCloseTo(ka[i]! + 0.5 * kb[i]!, 4));
  });

  it("adds β·z(log(1 + item's training users)) to a known user's standardised blend only", () => {
    const blend = blendRankingModels(ease, ials, 0.5, 0.5, -0.2);
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    const out = new Float32Array(shape.items);
    ease.scoreUser(7, a);
    ials.scoreUser(7, b);
    blend.scoreUser(7, out);
    const users = new Array<number>(shape.items).fill(0);
    ratings.item.forEach((i) => users[i]!++);
    const za = standardised(a);
    const zb = standardised(b);
    const mixed = standardised(Float32Array.from(za, (v, i) => v + 0.5 * zb[i]!));
    const pop = standardised(Float32Array.from(users, (n) => Math.log1p(n)));
    out.forEach((v, i) => expect(v).toBeCloseTo(mixed[i]! - 0.2 * pop[i]!, 4));

    const items = Int32Array.from([1, 2]);
    const ratingsIn = Float32Array.from([5, 4]);
    blend.foldIn(items, ratingsIn, a);
    blendRankingModels(ease, ials, 0.5, 0.5).foldIn(items, ratingsIn, b);
    expect([...a]).toEqual([...b]);
  });

  it('keeps items EASE cannot score out of the list', () => {
    const partial = trainEase(ratings, shape, { lambda: 5, minCount: 1, maxItems: 15 });
    const out = new Float32Array(shape.items);
    blendRankingModels(partial, ials, 1).foldIn(Int32Array.from([1]), Float32Array.from([4]), out);
    expect(out.filter((v) => v === -Infinity)).toHaveLength(5);
  });

  it('round-trips through its artifact', () => {
    const blend = blendRankingModels(ease, ials, 0.5, 2, -0.2);
    const copy = blendFromArtifact(blend.toArtifact());
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    blend.scoreUser(30, a);
    copy.scoreUser(30, b);
    expect([...b]).toEqual([...a]);
    expect(copy.params).toEqual(blend.params);
  });

  it('reads an artifact without fold-in or popularity weights as the blend before them', () => {
    const artifact = blendRankingModels(ease, ials, 0.5, 2.5, -0.2).toArtifact();
    const { foldInWeight, popularityWeight, ...older } = artifact.params as Record<string, unknown>;
    expect([foldInWeight, popularityWeight]).toEqual([2.5, -0.2]);
    const copy = blendFromArtifact({ ...artifact, params: older });
    expect(copy.params.foldInWeight).toBe(0.5);
    expect(copy.params.popularityWeight).toBe(0);
    const items = Int32Array.from([2, 4]);
    const ratingsIn = Float32Array.from([5, 4]);
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    copy.foldIn(items, ratingsIn, a);
    blendRankingModels(ease, ials, 0.5).foldIn(items, ratingsIn, b);
    expect([...a]).toEqual([...b]);
  });
});
