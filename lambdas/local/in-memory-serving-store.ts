import type { TableKey } from '../app/serving/serving-keys.ts';
import { servingKeys, TTL_ATTRIBUTE } from '../app/serving/serving-keys.ts';
import type { ModelVersionRecord, MovieRecord } from '../app/serving/serving-records.ts';
import type { ServingStore } from '../app/serving/serving-store.ts';
import type { InMemoryServingWriter } from './in-memory-serving-writer.ts';

/**
 * The API's read port over the table an in-memory pipeline run wrote: the same items the
 * DynamoDB adapter would read, returned as it returns them (without pk, sk and the TTL
 * attribute), so the use-cases and the router run unchanged with no AWS in the loop.
 */
export function createInMemoryServingStore(table: InMemoryServingWriter): ServingStore {
  const get = async <T>(key: TableKey): Promise<T | undefined> => {
    const item = await table.get(key);
    return item === undefined ? undefined : (withoutKeys(item) as T);
  };
  return {
    getCurrentModel: () => get(servingKeys.currentModel()),
    getModelVersion: (version) => get(servingKeys.modelVersion(version)),
    listModelVersions: () => {
      const registry = servingKeys.modelVersion('');
      const versions = [...table.items.values()]
        .filter((item) => item.pk === registry.pk && item.sk.startsWith(registry.sk))
        .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0))
        .map((item) => withoutKeys(item) as unknown as ModelVersionRecord);
      return Promise.resolve(versions);
    },
    getUserRecommendations: (userId, version) =>
      get(servingKeys.userRecommendations(userId, version)),
    getUserVector: (userId, version) => get(servingKeys.userVector(userId, version)),
    getMovieVector: (movieId, version) => get(servingKeys.movieVector(movieId, version)),
    getMovie: (movieId) => get(servingKeys.movie(movieId)),
    async getMovies(movieIds) {
      const movies = new Map<number, MovieRecord>();
      for (const movieId of new Set(movieIds)) {
        const movie = await get<MovieRecord>(servingKeys.movie(movieId));
        if (movie !== undefined) movies.set(movieId, movie);
      }
      return movies;
    },
    getSimilarMovies: (movieId, version) => get(servingKeys.similarMovies(movieId, version)),
    getPopular: (genre, version) => get(servingKeys.popular(genre, version)),
  };
}

/** The record without the table's own attributes, as the DynamoDB adapter returns it. */
function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, [TTL_ATTRIBUTE]: _ttl, ...record } = item;
  return record;
}
