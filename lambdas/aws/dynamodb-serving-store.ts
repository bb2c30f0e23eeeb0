import type { TableKey } from '../app/serving/serving-keys.ts';
import { servingKeys, TTL_ATTRIBUTE } from '../app/serving/serving-keys.ts';
import type {
  ModelPointer,
  ModelVersionRecord,
  MovieRecord,
  PopularRecord,
  SimilarMoviesRecord,
  UserRecommendationsRecord,
  VectorRecord,
} from '../app/serving/serving-records.ts';
import type { ServingStore } from '../app/serving/serving-store.ts';
import type { DynamoDbReader } from './dynamodb-http-reader.ts';
import type { RetryOptions } from './throttle-retry.ts';
import { backoffDelay, withThrottleRetry } from './throttle-retry.ts';

export interface DynamoServingStoreOptions {
  /** Signed-HTTP reads (dynamodb-http-reader.ts): the API does not load the SDK. */
  reader: DynamoDbReader;
  tableName: string;
  /** How long MODEL/CURRENT is reused before it is read again (≤ 60 s, docs/architecture.md §4). */
  modelCacheMs: number;
  /** Milliseconds clock for the pointer cache. @default Date.now */
  now?: () => number;
  retry?: RetryOptions;
}

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_GET_LIMIT = 100;

/**
 * The serving table read with GetItem, BatchGetItem and Query only (the grants allow nothing
 * else). Throttled reads are retried with backoff; BatchGetItem's UnprocessedKeys are re-requested
 * with backoff until done or the attempts run out. The model pointer is cached per container for
 * `modelCacheMs`, so a warm request usually costs one read: the data it asked for.
 */
export function createDynamoServingStore(options: DynamoServingStoreOptions): ServingStore {
  const { reader, tableName, modelCacheMs } = options;
  const now = options.now ?? Date.now;
  const retry = options.retry ?? {};
  let pointer: { value: ModelPointer | undefined; readAt: number } | undefined;

  const get = async <T>(key: TableKey): Promise<T | undefined> => {
    const result = await withThrottleRetry(
      () => reader.getItem({ TableName: tableName, Key: { pk: key.pk, sk: key.sk } }),
      retry,
    );
    return result.Item === undefined ? undefined : (withoutKeys(result.Item) as T);
  };

  const batchGet = async (keys: TableKey[]): Promise<Record<string, unknown>[]> => {
    const found: Record<string, unknown>[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
      let pending: TableKey[] = keys.slice(start, start + BATCH_GET_LIMIT);
      const attempts = retry.attempts ?? 4;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) {
          if (attempt >= attempts) {
            throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
          }
          await (retry.sleep ?? sleep)(backoffDelay(attempt - 1, retry));
        }
        const result = await withThrottleRetry(
          () =>
            reader.batchGetItem({
              RequestItems: { [tableName]: { Keys: pending.map(({ pk, sk }) => ({ pk, sk })) } },
            }),
          retry,
        );
        found.push(...(result.Responses[tableName] ?? []));
        pending = (result.UnprocessedKeys[tableName]?.Keys ?? []) as unknown as TableKey[];
      }
    }
    return found.map(withoutKeys);
  };

  return {
    async getCurrentModel() {
      const at = now();
      if (pointer === undefined || at - pointer.readAt >= modelCacheMs) {
        pointer = { value: await get<ModelPointer>(servingKeys.currentModel()), readAt: at };
      }
      return pointer.value;
    },
    getModelVersion: (version) => get<ModelVersionRecord>(servingKeys.modelVersion(version)),
    async listModelVersions() {
      const versions: ModelVersionRecord[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await withThrottleRetry(
          () =>
            reader.query({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': 'MODEL', ':prefix': 'V#' },
              // Versions are named by their creation time: descending = newest first.
              ScanIndexForward: false,
              ...(startKey !== undefined && { ExclusiveStartKey: startKey }),
            }),
          retry,
        );
        versions.push(...page.Items.map((item) => withoutKeys(item) as ModelVersionRecord));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return versions;
    },
    getUserRecommendations: (userId, version) =>
      get<UserRecommendationsRecord>(servingKeys.userRecommendations(userId, version)),
    getUserVector: (userId, version) => get<VectorRecord>(servingKeys.userVector(userId, version)),
    getMovieVector: (movieId, version) =>
      get<VectorRecord>(servingKeys.movieVector(movieId, version)),
    getMovie: (movieId) => get<MovieRecord>(servingKeys.movie(movieId)),
    async getMovies(movieIds) {
      const unique = [...new Set(movieIds)];
      const movies = new Map<number, MovieRecord>();
      if (unique.length === 0) return movies;
      for (const item of await batchGet(unique.map((id) => servingKeys.movie(id)))) {
        const movie = item as unknown as MovieRecord;
        movies.set(movie.movieId, movie);
      }
      return movies;
    },
    getSimilarMovies: (movieId, version) =>
      get<SimilarMoviesRecord>(servingKeys.similarMovies(movieId, version)),
    getPopular: (genre, version) => get<PopularRecord>(servingKeys.popular(genre, version)),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The record without the table's own attributes (keys and TTL). */
function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, [TTL_ATTRIBUTE]: _ttl, ...record } = item;
  return record;
}
