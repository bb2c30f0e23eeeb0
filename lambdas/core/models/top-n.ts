/**
 * Top-k selection over a dense score vector with a bounded min-heap: O(n log k) and no sort of
 * the whole catalogue. Typed-array reads use `!` (numeric kernel, indices in range).
 */

export interface TopN {
  /** Item indices, best first. */
  items: Int32Array;
  /** Their scores, same order. */
  scores: Float32Array;
}

/**
 * The k best items of `scores` in descending score order, ties broken by the lower item index so
 * the result is deterministic. `exclude` is either a sorted Int32Array of item indices or a
 * Uint8Array mask (non-zero = excluded). Items scored NaN or −Infinity are never returned (models
 * use −Infinity for items they cannot recommend), so fewer than k items may come back.
 */
export function topN(scores: Float32Array, k: number, exclude?: Int32Array | Uint8Array): TopN {
  const n = scores.length;
  const cap = Math.max(0, Math.min(k, n));
  const heapItems = new Int32Array(cap);
  const heapScores = new Float32Array(cap);
  let size = 0;
  const mask = exclude instanceof Uint8Array ? exclude : undefined;
  const sorted = exclude instanceof Int32Array ? exclude : undefined;
  let next = 0; // cursor into the sorted exclusion list

  for (let i = 0; i < n && cap > 0; i++) {
    if (mask !== undefined && mask[i]! !== 0) continue;
    if (sorted !== undefined) {
      while (next < sorted.length && sorted[next]! < i) next++;
      if (next < sorted.length && sorted[next]! === i) continue;
    }
    const s = scores[i]!;
    if (!(s > -Infinity)) continue;
    if (size < cap) {
      // Sift up: the root holds the worst kept item (lowest score, then highest index).
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(s, i, heapScores[parent]!, heapItems[parent]!)) break;
        heapScores[at] = heapScores[parent]!;
        heapItems[at] = heapItems[parent]!;
        at = parent;
      }
      heapScores[at] = s;
      heapItems[at] = i;
    } else if (s > heapScores[0]!) {
      // Equal scores never displace: the kept item has the lower index (we scan ascending).
      siftDown(heapScores, heapItems, size, s, i);
    }
  }

  // Pop worst-first into the tail of the output.
  const items = new Int32Array(size);
  const out = new Float32Array(size);
  for (let end = size - 1; end >= 0; end--) {
    items[end] = heapItems[0]!;
    out[end] = heapScores[0]!;
    const lastScore = heapScores[end]!;
    const lastItem = heapItems[end]!;
    siftDown(heapScores, heapItems, end, lastScore, lastItem);
  }
  return { items, scores: out };
}

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and higher index. */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/** Places (s, item) at the root of a heap of `size` entries and restores the heap order. */
function siftDown(
  heapScores: Float32Array,
  heapItems: Int32Array,
  size: number,
  s: number,
  item: number,
): void {
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (
      right < size &&
      worse(heapScores[right]!, heapItems[right]!, heapScores[left]!, heapItems[left]!)
    ) {
      child = right;
    }
    if (!worse(heapScores[child]!, heapItems[child]!, s, item)) break;
    heapScores[at] = heapScores[child]!;
    heapItems[at] = heapItems[child]!;
    at = child;
  }
  if (size > 0) {
    heapScores[at] = s;
    heapItems[at] = item;
  }
}
