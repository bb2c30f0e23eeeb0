import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../lambdas/core/random.ts';
import type { ScoringKernel } from '../../../../lambdas/core/scoring/block-scorer.ts';
import {
  createBlockScorer,
  createTopKLists,
  scoreTopKRange,
  type FactorScoringInput,
} from '../../../../lambdas/core/scoring/factor-top-k.ts';

function randomInput(
  users: number,
  items: number,
  factors: number,
  options: { bias: boolean; seed: number; k?: number },
): FactorScoringInput {
  const rng = createRng(options.seed);
  const indptr = new Int32Array(users + 1);
  const seen: number[] = [];
  for (let u = 0; u < users; u++) {
    // User 0 has rated nothing; the others every third item from a shifting start.
    if (u > 0) for (let i = u % 3; i < items; i += 3) seen.push(i);
    indptr[u + 1] = seen.length;
  }
  return {
    users,
    items,
    factors,
    userFactors: Float32Array.from({ length: users * factors }, () => rng.normal()),
    itemFactors: Float32Array.from({ length: items * factors }, () => rng.normal()),
    itemBias: options.bias ? Float32Array.from({ length: items }, () => rng.normal()) : null,
    exclude: { indptr, indices: Int32Array.from(seen) },
    k: options.k ?? 10,
  };
}

/** Every user's scores of every item from one kernel, users scored in blocks as they come. */
function allScores(input: FactorScoringInput, kernel: ScoringKernel): Float32Array[] {
  const scorer = createBlockScorer(input, kernel);
  const rows: Float32Array[] = [];
  for (let first = 0; first < input.users; first += scorer.block) {
    const count = Math.min(scorer.block, input.users - first);
    const scores = scorer.score(first, count);
    for (let b = 0; b < count; b++) {
      rows.push(scores.slice(b * scorer.stride, b * scorer.stride + input.items));
    }
  }
  return rows;
}

/** f32 sums of `factors` products of N(0,1) values: error ≲ factors × 2⁻²⁴ × Σ|terms|. */
const tolerance = (factors: number) => 1e-6 * factors + 1e-6;

describe('block scorers: the WebAssembly kernel against the TypeScript reference', () => {
  // Dimensions not a multiple of 4 or 8, item counts around the panel width of 8, one item,
  // one user, short last blocks (users not a multiple of 4 or 16).
  const shapes = [
    { users: 1, items: 1, factors: 1 },
    { users: 3, items: 7, factors: 3 },
    { users: 17, items: 8, factors: 5 },
    { users: 21, items: 9, factors: 64 },
    { users: 40, items: 131, factors: 67 },
    { users: 5, items: 0, factors: 4 },
  ];
  for (const shape of shapes) {
    for (const bias of [false, true]) {
      it(`scores ${shape.users} users × ${shape.items} items, k=${shape.factors}${bias ? ', item bias' : ''} alike`, () => {
        const input = randomInput(shape.users, shape.items, shape.factors, { bias, seed: 5 });
        const reference = allScores(input, 'typescript');
        const wasm = allScores(input, 'wasm');
        expect(wasm).toHaveLength(shape.users);
        for (let u = 0; u < shape.users; u++) {
          for (let i = 0; i < shape.items; i++) {
            expect(Math.abs(wasm[u]![i]! - reference[u]![i]!)).toBeLessThan(
              tolerance(shape.factors),
            );
          }
        }
      });
    }
  }

  it('gives the same top-k lists, up to near-ties', () => {
    const input = randomInput(53, 300, 37, { bias: true, seed: 9, k: 25 });
    const lists = (kernel: ScoringKernel) => {
      const out = createTopKLists(input.users, input.k);
      // Uneven ranges, as the worker pool's chunks may be.
      const scorer = createBlockScorer(input, kernel);
      scoreTopKRange(input, out, 0, 19, scorer);
      scoreTopKRange(input, out, 19, input.users, scorer);
      return out;
    };
    const reference = lists('typescript');
    const wasm = lists('wasm');
    // Equal scores at every rank; only items whose scores tie within rounding may swap places.
    for (let x = 0; x < reference.items.length; x++) {
      expect(Math.abs(wasm.scores[x]! - reference.scores[x]!)).toBeLessThan(tolerance(37));
    }
    const differing = reference.items.filter((item, x) => wasm.items[x] !== item).length;
    expect(differing).toBeLessThanOrEqual(2);
    // User 0 rated nothing, the others never get back a rated item.
    expect(Array.from(wasm.items.subarray(0, input.k)).every((i) => i >= 0)).toBe(true);
    for (let u = 1; u < input.users; u++) {
      for (const item of wasm.items.subarray(u * input.k, (u + 1) * input.k)) {
        expect(item % 3).not.toBe(u % 3);
      }
    }
  });

  it('keeps −Infinity item biases out of the lists', () => {
    const input = randomInput(6, 20, 9, { bias: true, seed: 2, k: 20 });
    input.itemBias!.fill(Number.NEGATIVE_INFINITY, 10);
    const out = createTopKLists(input.users, input.k);
    scoreTopKRange(input, out, 0, input.users, createBlockScorer(input, 'wasm'));
    const items = Array.from(out.items.subarray(0, input.k));
    expect(items.filter((i) => i >= 0).every((i) => i < 10)).toBe(true);
    expect(items.slice(10)).toEqual(new Array(10).fill(-1));
  });
});

describe('top-k selection: the WebAssembly kernel against topN', () => {
  /** One user with p = 1 and k = 1 dimension: every kernel's scores are exactly `values`. */
  function exactScores(values: number[], bias: number[] | null, k: number, seen: number[]) {
    return {
      users: 1,
      items: values.length,
      factors: 1,
      userFactors: Float32Array.of(1),
      itemFactors: Float32Array.from(values),
      itemBias: bias === null ? null : Float32Array.from(bias),
      exclude: { indptr: Int32Array.of(0, seen.length), indices: Int32Array.from(seen) },
      k,
    } satisfies FactorScoringInput;
  }

  const selected = (input: FactorScoringInput, kernel: ScoringKernel) => {
    const out = createTopKLists(input.users, input.k);
    scoreTopKRange(input, out, 0, input.users, createBlockScorer(input, kernel));
    return { items: Array.from(out.items), scores: Array.from(out.scores) };
  };

  const rng = createRng(12);
  const cases: Array<[string, FactorScoringInput]> = [
    [
      'random scores',
      exactScores(
        Array.from({ length: 203 }, () => rng.normal()),
        null,
        10,
        [],
      ),
    ],
    [
      'many ties, and exclusions',
      exactScores(
        Array.from({ length: 101 }, () => rng.int(5)),
        null,
        17,
        [0, 3, 4, 50, 99, 100],
      ),
    ],
    [
      'NaN and −Infinity scores',
      exactScores(
        Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? Number.NaN : i % 7)),
        Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? Number.NEGATIVE_INFINITY : 0)),
        12,
        [2],
      ),
    ],
    ['k above the item count', exactScores([3, 1, 2], null, 8, [1])],
    [
      'k = 1',
      exactScores(
        Array.from({ length: 50 }, (_, i) => (i * 37) % 11),
        null,
        1,
        [],
      ),
    ],
    ['one item, rated', exactScores([4], null, 3, [0])],
    [
      'ascending scores (the heap turns over at every item)',
      exactScores(
        Array.from({ length: 64 }, (_, i) => i),
        null,
        5,
        [],
      ),
    ],
  ];
  for (const [name, input] of cases) {
    it(`selects exactly as topN: ${name}`, () => {
      expect(selected(input, 'wasm')).toEqual(selected(input, 'typescript'));
    });
  }
});
