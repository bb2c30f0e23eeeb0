import { describe, expect, it } from 'vitest';
import { toSparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import {
  createIalsScratch,
  defaultIalsParams,
  gramian,
  ialsFromArtifact,
  initIalsFactors,
  solveRows,
  trainIals,
} from '../../../../lambdas/core/models/ials.ts';
import { topN } from '../../../../lambdas/core/models/top-n.ts';
import { plantedBlocks, ratingsOf } from './ranking-fixtures.ts';

const shape = { users: 40, items: 20 };
const ratings = plantedBlocks(shape.users, shape.items, 0.5, 2);
// Two factors for two blocks; more would fit each user's random subset instead.
const params = { factors: 2, epochs: 6, regularization: 0.05, unobservedWeight: 0.1 };

describe('trainIals', () => {
  it("recovers the planted blocks: a user's block outranks the other block", () => {
    const model = trainIals(ratings, shape, params, { seed: 1 });
    const scores = new Float32Array(shape.items);
    for (let u = 0; u < shape.users; u++) {
      model.scoreUser(u, scores);
      const own = u < 20 ? scores.slice(0, 10) : scores.slice(10);
      const other = u < 20 ? scores.slice(10) : scores.slice(0, 10);
      expect(Math.min(...own)).toBeGreaterThan(Math.max(...other));
    }
  });

  it('never increases the objective from one epoch to the next', () => {
    const { lossHistory } = trainIals(ratings, shape, params, { seed: 1 });
    expect(lossHistory).toHaveLength(params.epochs);
    for (let e = 1; e < lossHistory.length; e++) {
      expect(lossHistory[e]!).toBeLessThanOrEqual(lossHistory[e - 1]! * (1 + 1e-9));
    }
  });

  it('is deterministic for a seed', () => {
    const a = trainIals(ratings, shape, params, { seed: 5 });
    const b = trainIals(ratings, shape, params, { seed: 5 });
    expect([...b.userFactors]).toEqual([...a.userFactors]);
  });

  it('solves the same rows whether the side is split into ranges or not', () => {
    const p = { ...defaultIalsParams, ...params };
    const k = p.factors;
    const byUser = toSparseMatrix(ratings, shape, 'user');
    const { user, item } = initIalsFactors(shape.users, shape.items, p, 3);
    const gram = gramian(item, k, 0, 7, new Float64Array(k * k));
    const rest = gramian(item, k, 7, shape.items, new Float64Array(k * k));
    const whole = gramian(item, k, 0, shape.items, new Float64Array(k * k));
    gram.forEach((v, x) => expect(v + rest[x]!).toBeCloseTo(whole[x]!, 12));

    const once = user.slice();
    const total = solveRows({ matrix: byUser, fixed: item, target: once, gram: whole }, 0, 40, p);
    const split = user.slice();
    const scratch = createIalsScratch(k);
    const side = { matrix: byUser, fixed: item, target: split, gram: whole };
    const first = solveRows(side, 0, 13, p, scratch);
    const second = solveRows(side, 13, 40, p, scratch);
    expect([...split]).toEqual([...once]);
    expect(first.data + second.data).toBeCloseTo(total.data, 9);
    expect(first.penalty + second.penalty).toBeCloseTo(total.penalty, 9);
  });

  it('converges with conjugate gradient to the exact row solution', () => {
    const p = { ...defaultIalsParams, ...params, factors: 3 };
    const byUser = toSparseMatrix(ratings, shape, 'user');
    const { user, item } = initIalsFactors(shape.users, shape.items, p, 3);
    const gram = gramian(item, 3, 0, shape.items, new Float64Array(9));
    const exact = user.slice();
    const approx = user.slice();
    const a = solveRows({ matrix: byUser, fixed: item, target: exact, gram }, 0, 40, p);
    const cg = { ...p, solver: 'cg' as const, cgSteps: 3 }; // k steps solve a k×k system
    const b = solveRows({ matrix: byUser, fixed: item, target: approx, gram }, 0, 40, cg);
    approx.forEach((v, x) => expect(v).toBeCloseTo(exact[x]!, 4));
    expect(b.data + b.penalty).toBeCloseTo(a.data + a.penalty, 6);
  });

  it('trains with conjugate gradient without increasing the objective', () => {
    const { lossHistory } = trainIals(ratings, shape, { ...params, solver: 'cg', cgSteps: 2 });
    for (let e = 1; e < lossHistory.length; e++) {
      expect(lossHistory[e]!).toBeLessThanOrEqual(lossHistory[e - 1]! * (1 + 1e-9));
    }
  });

  it('folds in an anonymous user by one solve against the item factors', () => {
    const model = trainIals(ratings, shape, params, { seed: 1 });
    const liked = Int32Array.from([12, 15, 17]);
    const scores = new Float32Array(shape.items);
    model.foldIn(liked, Float32Array.from([5, 4, 5]), scores);
    const { items } = topN(scores, 5, liked);
    for (const item of items) expect(item).toBeGreaterThanOrEqual(10);
  });

  it('never recommends items without training data', () => {
    const few = ratingsOf([
      [0, 0, 4],
      [1, 1, 3],
    ]);
    const model = trainIals(few, { users: 2, items: 3 }, { factors: 2, epochs: 2 });
    const scores = new Float32Array(3);
    model.scoreUser(0, scores);
    expect(scores[2]).toBe(-Infinity);
  });

  it('round-trips through its artifact and rejects a wrong length', () => {
    const model = trainIals(ratings, shape, params, { seed: 1 });
    const copy = ialsFromArtifact(model.toArtifact());
    const a = new Float32Array(shape.items);
    const b = new Float32Array(shape.items);
    model.scoreUser(7, a);
    copy.scoreUser(7, b);
    expect([...b]).toEqual([...a]);
    expect(copy.lossHistory).toEqual(model.lossHistory);
    expect(copy.params).toEqual(model.params);

    const artifact = model.toArtifact();
    artifact.arrays.itemFactors = new Float32Array(3);
    expect(() => ialsFromArtifact(artifact)).toThrow(/itemFactors has 3 values/);
  });
});
