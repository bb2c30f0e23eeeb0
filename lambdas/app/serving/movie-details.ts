import { NotFoundError } from './serving-errors.ts';
import type { MovieRecord } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

/** A movie's metadata and rating statistics (not versioned: it describes the dataset). */
export async function movieDetails(store: ServingStore, movieId: number): Promise<MovieRecord> {
  const movie = await store.getMovie(movieId);
  if (movie === undefined) throw unknownMovie(movieId);
  return movie;
}

export const unknownMovie = (movieId: number): NotFoundError =>
  new NotFoundError('unknown_movie', `No movie with id ${movieId}.`);
