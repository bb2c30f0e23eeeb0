/** Raw ids up to this bound are looked up in a flat table (4 bytes per possible id). */
const TABLE_LIMIT = 1 << 25;

/**
 * Raw id → dense index. MovieLens ids are small positive integers, so a flat Int32Array answers
 * in one load, which matters when 25M ratings each look up their movie; larger or negative ids
 * fall back to a Map.
 */
export class IdIndex {
  private readonly table: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;

  /** `ids[k]` gets dense index k; ids must be distinct. */
  constructor(ids: ArrayLike<number>) {
    let min = 0;
    let max = -1;
    for (let k = 0; k < ids.length; k++) {
      min = Math.min(min, ids[k]!);
      max = Math.max(max, ids[k]!);
    }
    if (min >= 0 && max < TABLE_LIMIT) {
      this.table = new Int32Array(max + 1).fill(-1);
      for (let k = 0; k < ids.length; k++) this.table[ids[k]!] = k;
    } else {
      this.map = new Map();
      for (let k = 0; k < ids.length; k++) this.map.set(ids[k]!, k);
    }
  }

  /** Dense index of `id`, or -1 when unknown. */
  get(id: number): number {
    if (this.table !== undefined) return id >= 0 && id < this.table.length ? this.table[id]! : -1;
    return this.map!.get(id) ?? -1;
  }
}

/** The distinct values of `values`, ascending; O(n + max) by a presence table for small ids. */
export function sortedUniqueIds(values: Int32Array): Int32Array {
  let min = 0;
  let max = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min < 0 || max >= TABLE_LIMIT) return Int32Array.from(new Set(values)).sort();
  const present = new Uint8Array(max + 1);
  for (let k = 0; k < values.length; k++) present[values[k]!] = 1;
  let count = 0;
  for (let v = 0; v <= max; v++) count += present[v]!;
  const out = new Int32Array(count);
  for (let v = 0, at = 0; v <= max; v++) if (present[v] === 1) out[at++] = v;
  return out;
}
