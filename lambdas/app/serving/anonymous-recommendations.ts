import type { AnonymousRating } from '../recommend-for-anonymous.ts';
import { requireCurrentModel } from './current-model.ts';
import { foldInRecommendations } from './fold-in-recommendations.ts';
import type { MovieSummary } from './movie-summaries.ts';
import { InvalidInputError } from './serving-errors.ts';
import type { ServingContext } from './serving-context.ts';
import type { UserRecommendation } from './user-recommendations.ts';

/** Shaped like a known user's recommendations, so clients render both the same way. */
export interface AnonymousRecommendations {
  version: string;
  coldStart: false;
  /** The blend used: 1 collaborative only (the default), 0 content only. */
  alpha: number;
  /** The movies the request's entries resolved to. */
  basedOn: MovieSummary[];
  movies: UserRecommendation[];
}

/**
 * Real-time recommendations for a visitor the model has never seen, from a few (movie, rating)
 * pairs: the fold-in shared with profiles (fold-in-recommendations.ts) on the in-memory part of
 * the live version, blended with content similarity to the rated movies when `alpha` < 1. Ratings outside the scale are rejected, titles nothing matches are a 400
 * naming the entry.
 */
export async function anonymousRecommendations(
  context: ServingContext,
  request: { ratings: AnonymousRating[]; limit: number; genre?: string; alpha?: number },
): Promise<AnonymousRecommendations> {
  const { version } = await requireCurrentModel(context.store);
  const model = await context.model(version);
  const { min, max } = model.rating.scale;
  // Resolve titles once here, so a bad entry is reported by its position in the request.
  const resolved = request.ratings.map((entry, index): AnonymousRating => {
    if (entry.rating !== undefined && (entry.rating < min || entry.rating > max)) {
      throw new InvalidInputError(
        'rating_out_of_scale',
        `rating ${entry.rating} is outside the model's scale ${min}–${max}`,
        `ratings.${index}.rating`,
      );
    }
    if (entry.movieId !== undefined) {
      if (!model.itemOf.has(entry.movieId)) {
        throw new InvalidInputError(
          'unknown_movie',
          `No movie with id ${entry.movieId}.`,
          `ratings.${index}.movieId`,
        );
      }
      return entry;
    }
    const item = model.titles.resolve(entry.title ?? '');
    if (item < 0) {
      throw new InvalidInputError(
        'unknown_title',
        `No movie matches "${entry.title ?? ''}".`,
        `ratings.${index}.title`,
      );
    }
    return { movieId: model.catalogue.itemIds[item]!, rating: entry.rating };
  });
  const { basedOn, movies } = foldInRecommendations(
    model,
    resolved.map((entry) => ({ movieId: entry.movieId!, rating: entry.rating ?? max })),
    {
      limit: request.limit,
      ...(request.genre !== undefined && { genre: request.genre }),
      ...(request.alpha !== undefined && { alpha: request.alpha }),
    },
  );
  return { version, coldStart: false, alpha: request.alpha ?? 1, basedOn, movies };
}
