import { describe, expect, it } from 'vitest';
import type { Ratings } from '../../../../lambdas/core/dataset/dataset.ts';
import { toSparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { reasonsFromShares } from '../../../../lambdas/core/models/explanations.ts';
import { trainEase } from '../../../../lambdas/core/models/ease.ts';
import { trainIals } from '../../../../lambdas/core/models/ials.ts';
import { implicitWeight } from '../../../../lambdas/core/models/implicit-feedback.ts';
import { blendRankingModels } from '../../../../lambdas/core/models/ranking-blend.ts';
import type { RankingModel } from '../../../../lambdas/core/models/ranking-model.ts';
import {
  scoreExplainer,
  type RatedItems,
  type ScoreShares,
} from '../../../../lambdas/core/models/score-shares.ts';
import { createRng } from '../../../../lambdas/core/random.ts';
import { ratingsOf } from './ranking-fixtures.ts';

// Random half-star ratings; ratings below 2 carry no weight and the rest weigh by rating, so
// the shares must apply the models' implicit weights.
const shape = { users: 50, items: 30 };
const weighting = { minRating: 2, ratingSlope: 0.5 };
const ratings: Ratings = (() => {
  const rng = createRng(11);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < shape.users; u++) {
    for (let i = 0; i < shape.items; i++) {
      // Two taste groups so the factors mean something.
      const p = (u % 2 === i % 2 ? 0.5 : 0.15) * (i < 5 ? 1.5 : 1);
      if (rng.next() < p) triples.push([u, i, 1 + Math.floor(rng.next() * 9) / 2]);
    }
  }
  return ratingsOf(triples);
})();
const byUser = toSparseMatrix(ratings, shape, 'user');
const ratedBy = (user: number): RatedItems => {
  const from = byUser.indptr[user]!;
  const to = byUser.indptr[user + 1]!;
  return { items: byUser.indices.slice(from, to), values: byUser.values.slice(from, to) };
};

// maxItems below the catalogue: some rated items and some targets are outside EASE.
const ease = trainEase(ratings, shape, { lambda: 4, minCount: 1, maxItems: 26, weighting });
// Converged (many epochs), so a trained user's stored vector equals its re-solve.
const ials = trainIals(
  ratings,
  shape,
  { factors: 4, epochs: 60, regularization: 0.05, weighting },
  { seed: 3 },
);
const blend = blendRankingModels(ease, ials, 0.7);

/** offset + own + Σ_r shares for each target. */
function sums(shares: ScoreShares): number[] {
  return Array.from({ length: shares.targets }, (_, t) => {
    let s = shares.offset + (shares.own?.[t] ?? 0);
    for (let r = 0; r < shares.rated; r++) s += shares.shares[t * shares.rated + r]!;
    return s;
  });
}

const allItems = Int32Array.from({ length: shape.items }, (_, i) => i);
const foldIn = (model: RankingModel, rated: RatedItems): Float32Array => {
  const out = new Float32Array(model.items);
  model.foldIn(rated.items, rated.values, out);
  return out;
};
const scored = (model: RankingModel, user: number): Float32Array => {
  const out = new Float32Array(model.items);
  model.scoreUser(user, out);
  return out;
};
/** Spread of the finite scores. */
function range(scores: Float32Array): number {
  const finite = [...scores].filter((v) => v > -Infinity);
  return Math.max(...finite) - Math.min(...finite);
}
function expectClose(actual: number[], expected: Float32Array, tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    if (expected[i] === -Infinity) return;
    expect(Math.abs(value - expected[i]!), `item ${i}`).toBeLessThan(tolerance);
  });
}

/** Solves A·x = b by Gauss–Jordan elimination with partial pivoting (a test-only reference). */
function gaussSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let x = c; x <= n; x++) m[r]![x]! -= f * m[c]![x]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe('score shares', () => {
  const users = [0, 7, 20, 33];

  it('EASE: the shares add up to the score, for a trained user and for a fold-in', () => {
    const explain = scoreExplainer(ease);
    for (const user of users) {
      const rated = ratedBy(user);
      const total = sums(explain(rated, allItems, user));
      expectClose(total, scored(ease, user), 1e-4);
      expectClose(total, foldIn(ease, rated), 1e-4);
    }
  });

  it('EASE: a share is the rating weight times B, and the top reason is its argmax', () => {
    const column = new Map(Array.from(ease.modelItems, (item, c) => [item, c]));
    const n = ease.modelItems.length;
    const rated = ratedBy(7);
    const targets = Int32Array.from(ease.modelItems.filter((i) => !rated.items.includes(i)));
    const reasons = reasonsFromShares(scoreExplainer(ease)(rated, targets), rated);
    targets.forEach((target, t) => {
      let best = -1;
      let bestShare = 0;
      rated.items.forEach((item, r) => {
        const c = column.get(item);
        if (c === undefined) return;
        const share =
          implicitWeight(rated.values[r]!, weighting) * ease.b[c * n + column.get(target)!]!;
        if (share > bestShare) [best, bestShare] = [item, share];
      });
      expect(reasons[t]![0] ?? -1).toBe(best);
    });
  });

  it('iALS: the shares add up to the fold-in score, and nearly to a converged user’s score', () => {
    const explain = scoreExplainer(ials);
    for (const user of users) {
      const rated = ratedBy(user);
      const total = sums(explain(rated, allItems, user));
      expectClose(total, foldIn(ials, rated), 1e-5);
      expectClose(total, scored(ials, user), 0.01 * range(scored(ials, user)));
    }
  });

  it('iALS: a share is c·y_jᵀ W_u y_i (Hu et al. §5), and the top reason is its argmax', () => {
    const { data: y, k } = ials.itemFactors;
    const p = ials.params;
    const rated = ratedBy(20);
    const used = [...rated.items.keys()].filter(
      (r) => implicitWeight(rated.values[r]!, weighting) > 0,
    );
    const c = (r: number) => implicitWeight(rated.values[r]!, weighting);
    const f = (item: number, x: number) => y[item * k + x]!;
    // W_u⁻¹ = α0·YᵀY + Σ c_i y_i y_iᵀ + λ_u·I, built densely from its definition.
    const lambda =
      p.regularization *
      Math.pow(used.length + p.unobservedWeight * shape.items, p.frequencyExponent);
    const a = Array.from({ length: k }, (_, x) =>
      Array.from({ length: k }, (_, z) => {
        let v = x === z ? lambda : 0;
        for (let i = 0; i < shape.items; i++) v += p.unobservedWeight * f(i, x) * f(i, z);
        for (const r of used) v += c(r) * f(rated.items[r]!, x) * f(rated.items[r]!, z);
        return v;
      }),
    );
    const targets = Int32Array.from(allItems.filter((i) => !rated.items.includes(i)));
    const shares = scoreExplainer(ials)(rated, targets);
    const reasons = reasonsFromShares(shares, rated);
    targets.forEach((target, t) => {
      const w = gaussSolve(
        a,
        Array.from({ length: k }, (_, x) => f(target, x)),
      );
      let best = -1;
      let bestShare = 0;
      rated.items.forEach((item, r) => {
        let share = 0;
        if (used.includes(r)) for (let x = 0; x < k; x++) share += c(r) * f(item, x) * w[x]!;
        expect(shares.shares[t * rated.items.length + r]!).toBeCloseTo(share, 6);
        if (share > bestShare) [best, bestShare] = [item, share];
      });
      expect(reasons[t]![0] ?? -1).toBe(best);
    });
  });

  it('EASE + iALS: the shares and the mean shift add up to the blended score', () => {
    const explain = scoreExplainer(blend);
    for (const user of users) {
      const rated = ratedBy(user);
      const folded = explain(rated, allItems);
      expect(folded.offset).not.toBe(0);
      expectClose(sums(folded), foldIn(blend, rated), 1e-4);
      const own = scored(blend, user);
      expectClose(sums(explain(rated, allItems, user)), own, 0.01 * range(own));
    }
  });

  it('EASE + iALS as served: the fold-in weight, and a known user’s popularity term as each target’s own part', () => {
    const served = blendRankingModels(ease, ials, 0.7, 2.5, -0.2);
    const explain = scoreExplainer(served);
    for (const user of users) {
      const rated = ratedBy(user);
      const folded = explain(rated, allItems);
      expect(folded.own).toBeUndefined();
      expectClose(sums(folded), foldIn(served, rated), 1e-4);
      const known = explain(rated, allItems, user);
      expect(known.own).toBeDefined();
      const own = scored(served, user);
      expectClose(sums(known), own, 0.01 * range(own));
      // The popularity term is in no rated item's share: they are the plain blend's, scaled.
      const plain = scoreExplainer(blendRankingModels(ease, ials, 0.7))(rated, allItems, user);
      const ratio = known.shares.map((s, q) => (plain.shares[q] === 0 ? 0 : s / plain.shares[q]!));
      const nonZero = ratio.filter((r) => r !== 0);
      expect(Math.max(...nonZero) - Math.min(...nonZero)).toBeLessThan(1e-9);
    }
  });

  it('EASE + iALS: a share is each side’s share over its standard deviation, weighted', () => {
    const rated = ratedBy(33);
    const targets = Int32Array.from([2, 9, 14]);
    const sd = (v: Float32Array) => {
      const finite = [...v].filter((x, i) => x > -Infinity && ease.modelItems.includes(i));
      const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
      return Math.sqrt(finite.reduce((s, x) => s + (x - mean) ** 2, 0) / finite.length);
    };
    const e = scoreExplainer(ease)(rated, targets);
    const i = scoreExplainer(ials)(rated, targets);
    const b = scoreExplainer(blend)(rated, targets);
    const se = sd(foldIn(ease, rated));
    const si = sd(foldIn(ials, rated));
    b.shares.forEach((share, q) => {
      expect(share).toBeCloseTo(e.shares[q]! / se + (0.7 * i.shares[q]!) / si, 4);
    });
  });

  it('gives no shares when nothing the user rated carries weight', () => {
    const rated = { items: Int32Array.from([3, 4]), values: Float32Array.from([1, 1.5]) };
    for (const model of [ease, ials]) {
      const shares = scoreExplainer(model)(rated, allItems);
      expect(shares.shares.every((s) => s === 0)).toBe(true);
      expect(reasonsFromShares(shares, rated).every((list) => list.length === 0)).toBe(true);
    }
  });
});
