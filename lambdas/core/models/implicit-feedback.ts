import type { Ratings } from '../dataset/dataset.ts';
import { toSparseMatrix, type SparseMatrix } from '../dataset/sparse-matrix.ts';

/**
 * How explicit ratings become implicit-feedback weights for the ranking models. A rating r
 * becomes c(r) = r < minRating ? 0 (dropped) : 1 + ratingSlope·(r − minRating).
 * The ranking task rewards predicting which movies a user rates at all (every test item is
 * relevant), so the default is binary: every rating counts once. Measured with EASE on the
 * ML-100K-like proxy (nDCG@10): binary 0.422, slope 0.1 0.422, slope 0.3 0.410, dropping ratings
 * below 2 0.424 — within noise, so the simplest wins.
 */
export interface ImplicitWeighting {
  minRating: number;
  ratingSlope: number;
}

/** Every rating counts once. minRating 0 rather than −Infinity keeps params JSON-safe. */
export const binaryWeighting: ImplicitWeighting = { minRating: 0, ratingSlope: 0 };

export function implicitWeight(rating: number, weighting: ImplicitWeighting): number {
  if (rating < weighting.minRating) return 0;
  if (weighting.ratingSlope === 0) return 1;
  return 1 + weighting.ratingSlope * (rating - weighting.minRating);
}

/**
 * The weighted interaction matrix (CSR by `by`), without dropped ratings. Reads use `!` on typed
 * arrays (indices in range by construction).
 */
export function implicitMatrix(
  ratings: Ratings,
  shape: { users: number; items: number },
  by: 'user' | 'item',
  weighting: ImplicitWeighting,
): SparseMatrix {
  const matrix = toSparseMatrix(ratings, shape, by);
  const { indptr, indices, values } = matrix;
  let kept = 0;
  let from = 0;
  for (let r = 0; r < matrix.rows; r++) {
    const end = indptr[r + 1]!;
    for (let p = from; p < end; p++) {
      const w = implicitWeight(values[p]!, weighting);
      if (w <= 0) continue;
      indices[kept] = indices[p]!;
      values[kept] = w;
      kept++;
    }
    from = end;
    indptr[r + 1] = kept;
  }
  return kept === indices.length
    ? matrix
    : { ...matrix, indices: indices.slice(0, kept), values: values.slice(0, kept) };
}
