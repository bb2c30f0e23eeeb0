import { fromLittleEndianBytes } from '../../core/model-codec/little-endian.ts';
import { requireCurrentModel } from './current-model.ts';
import { unknownMovie } from './movie-details.ts';
import type { ServingContext } from './serving-context.ts';
import type { VectorRecord } from './serving-records.ts';

export interface RatingPrediction {
  userId: number;
  movieId: number;
  version: string;
  /** μ + b_u + b_i + p_u·q_i, clipped to the rating scale. */
  prediction: number;
  parts: { globalMean: number; userBias: number; itemBias: number; dot: number };
  scale: { min: number; max: number };
  /** True when the model does not know the user: the prediction is the movie's baseline μ + b_i. */
  coldStart: boolean;
}

/**
 * The rating model's prediction r̂ = μ + b_u + b_i + p_u·q_i (biased MF; Koren, Bell & Volinsky
 * 2009, eq. 5) from the user's and the movie's stored vectors, with its parts, clipped to the
 * scale. A user or movie without a vector contributes zero bias and zero dot product, exactly as
 * the trained model treats users and movies it saw no ratings of.
 */
export async function predictRating(
  context: ServingContext,
  userId: number,
  movieId: number,
): Promise<RatingPrediction> {
  const { store } = context;
  const { version } = await requireCurrentModel(store);
  const [baseline, user, item, movie] = await Promise.all([
    context.baseline(version),
    store.getUserVector(userId, version),
    store.getMovieVector(movieId, version),
    store.getMovie(movieId),
  ]);
  if (movie === undefined) throw unknownMovie(movieId);
  const userBias = user?.bias ?? 0;
  const itemBias = item?.bias ?? 0;
  const dot = user !== undefined && item !== undefined ? dotProduct(user, item) : 0;
  const { globalMean, scale } = baseline;
  const raw = globalMean + userBias + itemBias + dot;
  return {
    userId,
    movieId,
    version,
    prediction: Math.min(scale.max, Math.max(scale.min, raw)),
    parts: { globalMean, userBias, itemBias, dot },
    scale: { min: scale.min, max: scale.max },
    coldStart: user === undefined,
  };
}

function dotProduct(user: VectorRecord, item: VectorRecord): number {
  const p = fromLittleEndianBytes(user.factors, 'float32');
  const q = fromLittleEndianBytes(item.factors, 'float32');
  if (p.length !== q.length) {
    throw new Error(`factor lengths differ: user ${p.length}, movie ${q.length}`);
  }
  let sum = 0;
  for (let f = 0; f < p.length; f++) sum += p[f]! * q[f]!;
  return sum;
}
