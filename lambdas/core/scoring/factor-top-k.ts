/**
 * Top-k items for a range of users of a factor model, score(u, i) = p_u · q_i (+ b_i), skipping
 * each user's excluded (already rated) items. This is the batch scoring kernel: the local worker
 * pool and, later, the per-shard scoring step each run it over a slice of users and write into one
 * shared output, so every caller gets identical lists.
 *
 * Numeric kernel: typed-array reads use `!` (indices are in range by construction).
 */
import { dotBlock4 } from '../linalg/dot-block.ts';
import { topN } from '../models/top-n.ts';

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

/** Users scored together (dotBlock4's tile height), so each item row is read once per block. */
const USER_BLOCK = 4;

/** Scores users [start, end) and writes their lists into `out`. */
export function scoreTopKRange(
  input: FactorScoringInput,
  out: TopKLists,
  start: number,
  end: number,
): void {
  const { items, factors: f, userFactors: P, itemFactors: Q, itemBias, exclude, k } = input;
  const scores = new Float32Array(USER_BLOCK * items);
  for (let first = start; first < end; first += USER_BLOCK) {
    const block = Math.min(USER_BLOCK, end - first);
    // A short last block repeats its last user; the extra rows are computed and ignored.
    const row = (b: number) => (first + Math.min(b, block - 1)) * f;
    // prettier-ignore
    dotBlock4(P, row(0), row(1), row(2), row(3), Q, 0, items, f, scores, 0, items, 2 * items, 3 * items);
    if (itemBias !== null) {
      for (let b = 0; b < block; b++) {
        const at = b * items;
        for (let i = 0; i < items; i++) scores[at + i]! += itemBias[i]!;
      }
    }
    for (let b = 0; b < block; b++) {
      const u = first + b;
      const seen = exclude.indices.subarray(exclude.indptr[u]!, exclude.indptr[u + 1]!);
      const best = topN(scores.subarray(b * items, (b + 1) * items), k, seen);
      const at = u * k;
      out.items.set(best.items, at);
      out.scores.set(best.scores, at);
      out.items.fill(-1, at + best.items.length, at + k);
      out.scores.fill(Number.NEGATIVE_INFINITY, at + best.items.length, at + k);
    }
  }
}
