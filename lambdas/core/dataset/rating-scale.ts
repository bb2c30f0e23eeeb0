import type { RatingScale } from './dataset.ts';

/** Every MovieLens set rates on half stars within 0.5–5 (ml-100k and ml-1m use whole stars 1–5). */
export const MOVIELENS_LIMITS: RatingScale = { min: 0.5, max: 5, step: 0.5 };

/**
 * The scale the data is on: whole stars 1–5 when every rating is whole (ml-100k, ml-1m),
 * half stars 0.5–5 otherwise. Fixed ends rather than the observed extremes, so a small sample
 * that never saw a 1 still clips predictions to the real scale.
 */
export function inferRatingScale(values: Float32Array): RatingScale {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isInteger(values[k]!)) return { ...MOVIELENS_LIMITS };
  }
  return { min: 1, max: MOVIELENS_LIMITS.max, step: 1 };
}
