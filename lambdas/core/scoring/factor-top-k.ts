/**
 * Top-k items for a range of users of a factor model, score(u, i) = p_u · q_i (+ b_i), skipping
 * each user's excluded (already rated) items. This is the batch scoring kernel: the local worker
 * pool and, later, the per-shard scoring step each run it over a slice of users and write into one
 * shared output, so every caller gets identical lists.
 *
 * The dense scores come from a BlockScorer: the WebAssembly SIMD kernel by default, the
 * TypeScript reference on request. Typed-array reads use `!` (indices in range by construction).
 */
import type { BlockScorer, ScoringKernel } from './block-scorer.ts';
import { typescriptBlockScorer } from './typescript-block-scorer.ts';
import { wasmBlockScorer } from './wasm-block-scorer.ts';

export interface FactorScoringInput {
  users: number;
  items: number;
  factors: number;
  /** users × factors, row-major. */
  userFactors: Float32Array;
  /** items × factors, row-major. */
  itemFactors: Float32Array;
  /** Optional per-item offset added to every score; length items. */
  itemBias: Float32Array | null;
  /** Items never recommended to a user (CSR by user, ascending within a row: indptr length users + 1). */
  exclude: { indptr: Int32Array; indices: Int32Array };
  k: number;
}

/** users × k lists, best first; slots past a user's available items hold item -1, score -Infinity. */
export interface TopKLists {
  k: number;
  items: Int32Array;
  scores: Float32Array;
}

export function createTopKLists(users: number, k: number, shared = false): TopKLists {
  const bytes = users * k * 4;
  const items = new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const scores = new Float32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return { k, items, scores };
}

/** The block scorer of a kernel, for scoreTopKRange (make one per input and reuse it). */
export function createBlockScorer(
  input: FactorScoringInput,
  kernel: ScoringKernel = 'wasm',
): BlockScorer {
  return kernel === 'wasm' ? wasmBlockScorer(input) : typescriptBlockScorer(input);
}

/** Scores users [start, end) with `scorer` (made from the same input) and writes their lists into `out`. */
export function scoreTopKRange(
  input: FactorScoringInput,
  out: TopKLists,
  start: number,
  end: number,
  scorer: BlockScorer,
): void {
  const { exclude, k } = input;
  for (let first = start; first < end; first += scorer.block) {
    const count = Math.min(scorer.block, end - first);
    scorer.score(first, count);
    for (let b = 0; b < count; b++) {
      const u = first + b;
      const seen = exclude.indices.subarray(exclude.indptr[u]!, exclude.indptr[u + 1]!);
      const best = scorer.select(b, seen);
      const at = u * k;
      out.items.set(best.items, at);
      out.scores.set(best.scores, at);
      out.items.fill(-1, at + best.items.length, at + k);
      out.scores.fill(Number.NEGATIVE_INFINITY, at + best.items.length, at + k);
    }
  }
}
