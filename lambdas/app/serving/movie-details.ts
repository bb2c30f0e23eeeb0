import { NotFoundError } from './serving-errors.ts';
import type { MovieDetailsRecord, MovieRecord, MovieReviewsRecord } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

/** A movie record with its optional TMDB parts made explicit (null), as the API answers it. */
export type MovieResponseRecord = Omit<MovieRecord, 'details' | 'reviews'> & {
  details: MovieDetailsRecord | null;
  reviews: MovieReviewsRecord | null;
};

/** A movie's metadata and rating statistics (not versioned: it describes the dataset). */
export async function movieDetails(
  store: ServingStore,
  movieId: number,
): Promise<MovieResponseRecord> {
  const movie = await store.getMovie(movieId);
  if (movie === undefined) throw unknownMovie(movieId);
  return { ...movie, details: movie.details ?? null, reviews: movie.reviews ?? null };
}

export const unknownMovie = (movieId: number): NotFoundError =>
  new NotFoundError('unknown_movie', `No movie with id ${movieId}.`);
