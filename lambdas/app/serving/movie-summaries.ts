import type { MovieRecord } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

/** How a movie appears in every list the API returns. */
export interface MovieSummary {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
}

export const movieSummary = (movie: MovieRecord): MovieSummary => ({
  movieId: movie.movieId,
  title: movie.title,
  year: movie.year,
  genres: movie.genres,
});

/**
 * Scored id lists joined with movie metadata in one BatchGetItem. Ids without metadata are left
 * out: the pipeline writes metadata for every movie, so only a half-deleted table lacks one.
 */
export async function withSummaries<T extends { movieId: number }>(
  store: ServingStore,
  entries: readonly T[],
): Promise<(MovieSummary & Omit<T, 'movieId'>)[]> {
  const movies = await store.getMovies(entries.map((entry) => entry.movieId));
  return entries.flatMap((entry) => {
    const movie = movies.get(entry.movieId);
    return movie === undefined ? [] : [{ ...movieSummary(movie), ...entry }];
  });
}
