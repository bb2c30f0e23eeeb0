/**
 * Top-k items for a range of users of a factor model, score(u, i) = p_u · q_i (+ b_i), skipping
 * each user's excluded (already rated) items. This is the batch scoring kernel: the local worker
 * pool and, later, the per-shard scoring step each run it over a slice of users and write into one
 * shared output, so every caller gets identical lists.
 *
 * Numeric kernel: typed-array reads use `!` (indices are in range by construction).
 */

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
  /** Items never recommended to a user (CSR by user: indptr length users + 1). */
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

/** Users scored together, so each item row is read once per block instead of once per user. */
const USER_BLOCK = 8;

/** Scores users [start, end) and writes their lists into `out`. */
export function scoreTopKRange(
  input: FactorScoringInput,
  out: TopKLists,
  start: number,
  end: number,
): void {
  const { items, factors: f, userFactors: P, itemFactors: Q, itemBias, exclude, k } = input;
  const scores = new Float32Array(USER_BLOCK * items);
  const heap = new TopKHeap(Math.min(k, items));
  for (let first = start; first < end; first += USER_BLOCK) {
    const block = Math.min(USER_BLOCK, end - first);
    for (let i = 0; i < items; i++) {
      const q = i * f;
      const bias = itemBias === null ? 0 : itemBias[i]!;
      for (let b = 0; b < block; b++) {
        const p = (first + b) * f;
        let s = bias;
        for (let d = 0; d < f; d++) s += P[p + d]! * Q[q + d]!;
        scores[b * items + i] = s;
      }
    }
    for (let b = 0; b < block; b++) {
      const u = first + b;
      const row = b * items;
      for (let n = exclude.indptr[u]!; n < exclude.indptr[u + 1]!; n++) {
        scores[row + exclude.indices[n]!] = Number.NEGATIVE_INFINITY;
      }
      heap.clear();
      for (let i = 0; i < items; i++) {
        const s = scores[row + i]!;
        if (s !== Number.NEGATIVE_INFINITY) heap.offer(i, s);
      }
      heap.drainInto(out.items, out.scores, u * k, k);
    }
  }
}

/**
 * Bounded min-heap keeping the k best (score desc, item asc) offers; O(n log k) per user and,
 * because most offers lose to the root, close to O(n) in practice.
 */
export class TopKHeap {
  private readonly item: Int32Array;
  private readonly score: Float32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.item = new Int32Array(capacity);
    this.score = new Float32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** true when (sa, ia) ranks below (sb, ib). */
  private static worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  offer(item: number, score: number): void {
    const { item: I, score: S } = this;
    if (this.size < this.capacity) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!TopKHeap.worse(score, item, S[parent]!, I[parent]!)) break;
        I[at] = I[parent]!;
        S[at] = S[parent]!;
        at = parent;
      }
      I[at] = item;
      S[at] = score;
      return;
    }
    if (this.capacity === 0 || !TopKHeap.worse(S[0]!, I[0]!, score, item)) return;
    this.siftDown(item, score);
  }

  private siftDown(item: number, score: number): void {
    const { item: I, score: S, size } = this;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && TopKHeap.worse(S[child + 1]!, I[child + 1]!, S[child]!, I[child]!)) {
        child++;
      }
      if (!TopKHeap.worse(S[child]!, I[child]!, score, item)) break;
      I[at] = I[child]!;
      S[at] = S[child]!;
      at = child;
    }
    I[at] = item;
    S[at] = score;
  }

  /** Writes the kept offers best first into items/scores[offset, offset + k), padding with -1. */
  drainInto(items: Int32Array, scores: Float32Array, offset: number, k: number): void {
    const n = this.size;
    for (let j = k - 1; j >= n; j--) {
      items[offset + j] = -1;
      scores[offset + j] = Number.NEGATIVE_INFINITY;
    }
    for (let j = n - 1; j >= 0; j--) {
      items[offset + j] = this.item[0]!;
      scores[offset + j] = this.score[0]!;
      const lastItem = this.item[this.size - 1]!;
      const lastScore = this.score[this.size - 1]!;
      this.size--;
      if (this.size > 0) this.siftDown(lastItem, lastScore);
    }
  }
}
