/**
 * Splits rows [0, rows) of a CSR matrix into at most `parts` contiguous ranges of about equal
 * work, counting a row as its nonzeros plus `rowCost` (its fixed per-row work, in nonzeros).
 * Ratings are long-tailed: ranges of equal row counts leave one thread solving the popular items
 * while the other waits, ranges of equal work keep both busy to the end of a half-epoch.
 */
export function balancedRanges(
  indptr: Int32Array,
  parts: number,
  rowCost: number,
): [number, number][] {
  const rows = indptr.length - 1;
  const nnz = indptr[rows]! - indptr[0]!;
  const total = nnz + rowCost * rows;
  const ranges: [number, number][] = [];
  let from = 0;
  for (let part = 1; part <= parts && from < rows; part++) {
    const target = (total * part) / parts;
    let to = from + 1;
    while (to < rows && indptr[to]! - indptr[0]! + rowCost * to < target) to++;
    if (part === parts) to = rows;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}
