import type { Ratings } from './dataset.ts';

/**
 * Compressed sparse rows: row r owns indices[indptr[r] .. indptr[r+1]) (column ids, ascending)
 * and the matching values. Built by user (user × item) or by item (item × user).
 */
export interface SparseMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Counting sort of the ratings into CSR, O(nnz + rows); columns ascend within each row. */
export function toSparseMatrix(
  ratings: Ratings,
  shape: { users: number; items: number },
  by: 'user' | 'item',
): SparseMatrix {
  const rowOf = by === 'user' ? ratings.user : ratings.item;
  const colOf = by === 'user' ? ratings.item : ratings.user;
  const rows = by === 'user' ? shape.users : shape.items;
  const cols = by === 'user' ? shape.items : shape.users;
  const nnz = rowOf.length;

  // Sort by column first (stable counting sort), then by row: rows end up with ascending columns.
  const colPtr = new Int32Array(cols + 1);
  for (let k = 0; k < nnz; k++) colPtr[colOf[k]! + 1]!++;
  for (let c = 0; c < cols; c++) colPtr[c + 1]! += colPtr[c]!;
  const byColumn = new Int32Array(nnz);
  const colFill = colPtr.slice(0, cols);
  for (let k = 0; k < nnz; k++) byColumn[colFill[colOf[k]!]!++] = k;

  const indptr = new Int32Array(rows + 1);
  for (let k = 0; k < nnz; k++) indptr[rowOf[k]! + 1]!++;
  for (let r = 0; r < rows; r++) indptr[r + 1]! += indptr[r]!;
  const fill = indptr.slice(0, rows);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let n = 0; n < nnz; n++) {
    const k = byColumn[n]!;
    const at = fill[rowOf[k]!]!++;
    indices[at] = colOf[k]!;
    values[at] = ratings.value[k]!;
  }
  return { rows, cols, indptr, indices, values };
}

/** A new Ratings holding the ratings at `positions`, in that order. */
export function selectRatings(ratings: Ratings, positions: ArrayLike<number>): Ratings {
  const n = positions.length;
  const out: Ratings = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    value: new Float32Array(n),
    timestamp: new Uint32Array(n),
  };
  for (let j = 0; j < n; j++) {
    const k = positions[j]!;
    out.user[j] = ratings.user[k]!;
    out.item[j] = ratings.item[k]!;
    out.value[j] = ratings.value[k]!;
    out.timestamp[j] = ratings.timestamp[k]!;
  }
  return out;
}
