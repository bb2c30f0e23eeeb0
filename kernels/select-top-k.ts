/**
 * Top-k selection over one row of scores, the same contract as lambdas/core/models/top-n.ts
 * (the TypeScript reference): the k best items in descending score order, ties broken by the
 * lower index, excluded items and items scored NaN or −Infinity never returned.
 *
 * Excluded items are first overwritten with −Infinity in the row (the row is scratch). Then a
 * bounded min-heap keeps the k best; once it is full, four scores at a time are compared with
 * its root by one f32x4.gt, and only the rare vector with a better score goes lane by lane.
 */

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and higher index. */
function worse(sa: f32, ia: i32, sb: f32, ib: i32): bool {
  return sa < sb || (sa == sb && ia > ib);
}

/** Places (s, item) at the root of a heap of `size` entries and restores the heap order. */
function siftDown(scores: usize, items: usize, size: i32, s: f32, item: i32): void {
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (
      right < size &&
      worse(
        load<f32>(scores + ((<usize>right) << 2)),
        load<i32>(items + ((<usize>right) << 2)),
        load<f32>(scores + ((<usize>left) << 2)),
        load<i32>(items + ((<usize>left) << 2)),
      )
    ) {
      child = right;
    }
    const cs = load<f32>(scores + ((<usize>child) << 2));
    const ci = load<i32>(items + ((<usize>child) << 2));
    if (!worse(cs, ci, s, item)) break;
    store<f32>(scores + ((<usize>at) << 2), cs);
    store<i32>(items + ((<usize>at) << 2), ci);
    at = child;
  }
  if (size > 0) {
    store<f32>(scores + ((<usize>at) << 2), s);
    store<i32>(items + ((<usize>at) << 2), item);
  }
}

/** Offers item i with score s to a heap of `size` < cap entries; returns the new size. */
function push(heapScores: usize, heapItems: usize, size: i32, s: f32, i: i32): i32 {
  let at = size;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const ps = load<f32>(heapScores + ((<usize>parent) << 2));
    const pi = load<i32>(heapItems + ((<usize>parent) << 2));
    if (!worse(s, i, ps, pi)) break;
    store<f32>(heapScores + ((<usize>at) << 2), ps);
    store<i32>(heapItems + ((<usize>at) << 2), pi);
    at = parent;
  }
  store<f32>(heapScores + ((<usize>at) << 2), s);
  store<i32>(heapItems + ((<usize>at) << 2), i);
  return size + 1;
}

/**
 * `row`: n f32 scores (16-byte aligned; overwritten at excluded items); `exclude`: excludeCount
 * i32 item indices; `heapScores`, `heapItems`: room for k entries each; `outItems`, `outScores`:
 * room for k. Returns how many items were written (≤ k).
 */
export function selectTopK(
  row: usize,
  n: i32,
  exclude: usize,
  excludeCount: i32,
  k: i32,
  heapScores: usize,
  heapItems: usize,
  outItems: usize,
  outScores: usize,
): i32 {
  for (let x = 0; x < excludeCount; x++) {
    const item = load<i32>(exclude + ((<usize>x) << 2));
    if (<u32>item < <u32>n) store<f32>(row + ((<usize>item) << 2), -Infinity);
  }
  const cap = min(k, n);
  let size = 0;
  let i = 0;
  // Fill the heap with the first valid items.
  for (; i < n && size < cap; i++) {
    const s = load<f32>(row + ((<usize>i) << 2));
    if (s > -Infinity) size = push(heapScores, heapItems, size, s, i);
  }
  if (size == cap && cap > 0) {
    // Scalar up to a multiple of 4, then four at a time.
    for (; i < n && (i & 3) != 0; i++) {
      const s = load<f32>(row + ((<usize>i) << 2));
      if (s > load<f32>(heapScores)) siftDown(heapScores, heapItems, size, s, i);
    }
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(row + ((<usize>i) << 2));
      if (!v128.any_true(f32x4.gt(v, f32x4.splat(load<f32>(heapScores))))) continue;
      for (let lane = 0; lane < 4; lane++) {
        const s = load<f32>(row + ((<usize>(i + lane)) << 2));
        // Equal scores never displace: the kept item has the lower index (we scan ascending).
        if (s > load<f32>(heapScores)) siftDown(heapScores, heapItems, size, s, i + lane);
      }
    }
    for (; i < n; i++) {
      const s = load<f32>(row + ((<usize>i) << 2));
      if (s > load<f32>(heapScores)) siftDown(heapScores, heapItems, size, s, i);
    }
  }
  // Pop worst-first into the tail of the output.
  for (let end = size - 1; end >= 0; end--) {
    store<i32>(outItems + ((<usize>end) << 2), load<i32>(heapItems));
    store<f32>(outScores + ((<usize>end) << 2), load<f32>(heapScores));
    const lastScore = load<f32>(heapScores + ((<usize>end) << 2));
    const lastItem = load<i32>(heapItems + ((<usize>end) << 2));
    siftDown(heapScores, heapItems, end, lastScore, lastItem);
  }
  return size;
}
