import { popularItems } from '../core/models/popularity.ts';
import { topN } from '../core/models/top-n.ts';
import { explain } from './explain.ts';
import { movieLabel } from './movie-catalogue.ts';
import type { ModelVersion } from './model-version.ts';
import type { Recommendations } from './recommendation.ts';
import { recommendedMovies } from './recommended-movies.ts';
import { userIndex, userRatings } from './user-history.ts';

/**
 * Top-N for a known user from the ranking model, leaving out what they rated, each with the
 * rated movies that raised its score most (explain.ts). An unknown user gets the popular list, flagged as cold start.
 */
export function recommendForUser(
  version: ModelVersion,
  userId: number,
  options: { limit: number; genre?: string },
): Recommendations {
  const user = userIndex(version.history, userId);
  if (user < 0) {
    const popular = popularItems(version.popularity, {
      limit: options.limit,
      ...(options.genre !== undefined && { genre: options.genre }),
    });
    return {
      coldStart: true,
      basedOn: [],
      movies: recommendedMovies(version, popular.items, popular.scores, []),
    };
  }
  const rated = userRatings(version.history, user);
  const scores = new Float32Array(version.ranking.items);
  version.ranking.scoreUser(user, scores);
  if (options.genre !== undefined) keepGenre(version, scores, options.genre);
  const top = topN(scores, options.limit, rated.items);
  return {
    coldStart: false,
    basedOn: [],
    movies: recommendedMovies(
      version,
      top.items,
      top.scores,
      explain(version, top.items, rated, user),
    ),
  };
}

/** Scores of movies outside `genre` become −Infinity (never recommended). */
export function keepGenre(
  version: Pick<ModelVersion, 'catalogue'>,
  scores: Float32Array,
  genre: string,
): void {
  const wanted = genre.toLowerCase();
  version.catalogue.genres.forEach((genres, item) => {
    if (!genres.some((g) => g.toLowerCase() === wanted)) scores[item] = -Infinity;
  });
}

export const describeMovie = (version: Pick<ModelVersion, 'catalogue'>, item: number) => ({
  movieId: version.catalogue.itemIds[item]!,
  title: movieLabel(version.catalogue, item),
});
