import { requireCurrentModel } from './current-model.ts';
import { movieSummary } from './movie-summaries.ts';
import { popularList } from './popular-movies.ts';
import type { ServingStore } from './serving-store.ts';
import type { UserRecommendation } from './stored-recommendations.ts';
import { storedRecommendations } from './stored-recommendations.ts';

export type { UserRecommendation } from './stored-recommendations.ts';

export interface UserRecommendations {
  userId: number;
  version: string;
  /** True when the model does not know the user: the list is the popular one. */
  coldStart: boolean;
  movies: UserRecommendation[];
}

/**
 * The live version's precomputed top-N for a user (already without the movies they rated),
 * optionally kept to one genre; an unknown user gets the popular list flagged as cold start.
 * One GetItem: the record carries titles and genres. Records written before it did need one
 * BatchGetItem of the movie records as well.
 */
export async function userRecommendations(
  store: ServingStore,
  userId: number,
  options: { limit: number; genre?: string },
): Promise<UserRecommendations> {
  const { version } = await requireCurrentModel(store);
  const record = await store.getUserRecommendations(userId, version);
  if (record === undefined) {
    return {
      userId,
      version,
      coldStart: true,
      movies: await popularRecommendations(store, version, options),
    };
  }
  return {
    userId,
    version,
    coldStart: false,
    movies: await storedRecommendations(store, record.items, options),
  };
}

/**
 * The cold-start answer: the version's popular list (of a genre), without `exclude`, as
 * recommendations with no reasons.
 */
export async function popularRecommendations(
  store: ServingStore,
  version: string,
  options: { limit: number; genre?: string; exclude?: ReadonlySet<number> },
): Promise<UserRecommendation[]> {
  const popular = await popularList(store, version, options.genre);
  const top = popular.items
    .filter((entry) => options.exclude?.has(entry.movieId) !== true)
    .slice(0, options.limit);
  const movies = await store.getMovies(top.map((entry) => entry.movieId));
  return top.flatMap(({ movieId, score }) => {
    const movie = movies.get(movieId);
    return movie === undefined ? [] : [{ ...movieSummary(movie), score, because: [] }];
  });
}
