import { requireCurrentModel } from './current-model.ts';
import { unknownMovie } from './movie-details.ts';
import type { MovieSummary } from './movie-summaries.ts';
import { withSummaries } from './movie-summaries.ts';
import type { ServingStore } from './serving-store.ts';

export interface SimilarMovies {
  movieId: number;
  version: string;
  movies: (MovieSummary & { score: number })[];
}

/**
 * The live version's precomputed neighbours of a movie (latent factors blended with content). A
 * known movie without a list (e.g. never rated) gets an empty list; an unknown id is a 404.
 */
export async function similarMovies(
  store: ServingStore,
  movieId: number,
  limit: number,
): Promise<SimilarMovies> {
  const { version } = await requireCurrentModel(store);
  const record = await store.getSimilarMovies(movieId, version);
  if (record === undefined) {
    if ((await store.getMovie(movieId)) === undefined) throw unknownMovie(movieId);
    return { movieId, version, movies: [] };
  }
  return {
    movieId,
    version,
    movies: await withSummaries(store, record.items.slice(0, limit)),
  };
}
