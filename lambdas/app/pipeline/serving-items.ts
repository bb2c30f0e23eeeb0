import { toLittleEndianBytes } from '../../core/model-codec/little-endian.ts';
import type { BiasedMf } from '../../core/models/biased-mf.ts';
import type { MovieCatalogue } from '../movie-catalogue.ts';
import type { Recommendations } from '../recommendation.ts';
import type { TableKey } from '../serving/serving-keys.ts';
import type { UserRecommendationsRecord, VectorRecord } from '../serving/serving-records.ts';
import type { ServingItem } from './serving-writer.ts';

/** A serving-table item: key + record (the record type checks the attributes). */
export const servingItem = <R extends object>(key: TableKey, record: R): ServingItem => ({
  ...(record as Record<string, unknown>),
  ...key,
});

/** Row `row` of a row-major rows × k factor matrix as a VEC record. */
export function vectorRecord(
  version: string,
  bias: number,
  factors: Float32Array,
  k: number,
  row: number,
): VectorRecord {
  return {
    version,
    bias,
    factors: toLittleEndianBytes(factors.subarray(row * k, (row + 1) * k)),
  };
}

export const userVector = (rating: BiasedMf, version: string, user: number): VectorRecord =>
  vectorRecord(version, rating.userBias[user]!, rating.userFactors, rating.factors, user);

export const movieVector = (rating: BiasedMf, version: string, item: number): VectorRecord =>
  vectorRecord(version, rating.itemBias[item]!, rating.itemFactors, rating.factors, item);

/**
 * A user's RECS record, each movie with its title, year, genres and the titles of its reasons,
 * so the API answers it from this one item. `itemOf` maps raw movie ids to catalogue rows.
 */
export function userRecommendationsRecord(
  catalogue: MovieCatalogue,
  itemOf: ReadonlyMap<number, number>,
  userId: number,
  version: string,
  recs: Recommendations,
): UserRecommendationsRecord {
  const row = (movieId: number): number => {
    const item = itemOf.get(movieId);
    if (item === undefined) throw new RangeError(`movie ${movieId} is not in version ${version}`);
    return item;
  };
  return {
    userId,
    version,
    items: recs.movies.map((movie) => {
      const item = row(movie.movieId);
      return {
        movieId: movie.movieId,
        score: movie.score,
        because: movie.because.map((reason) => reason.movieId),
        title: catalogue.titles[item]!,
        year: catalogue.years[item]! || null,
        genres: catalogue.genres[item]!,
        becauseTitles: movie.because.map((reason) => catalogue.titles[row(reason.movieId)]!),
      };
    }),
  };
}

/** Raw movie id → catalogue row, for {@link userRecommendationsRecord}. */
export const catalogueRows = (catalogue: MovieCatalogue): Map<number, number> =>
  new Map(Array.from(catalogue.itemIds, (movieId, item) => [movieId, item]));
