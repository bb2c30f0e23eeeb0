import type { ModelVersion } from '../../../../lambdas/app/model-version.ts';
import { modelVersionFromDecoded } from '../../../../lambdas/app/model-version.ts';
import { recommendForUser } from '../../../../lambdas/app/recommend-for-user.ts';
import {
  catalogueRows,
  userRecommendationsRecord,
} from '../../../../lambdas/app/pipeline/serving-items.ts';
import type { ModelFiles } from '../../../../lambdas/app/serving/serving-model.ts';
import type { TableKey } from '../../../../lambdas/app/serving/serving-keys.ts';
import { ALL_GENRES, servingKeys } from '../../../../lambdas/app/serving/serving-keys.ts';
import type {
  ModelPointer,
  ModelVersionRecord,
  MovieRecord,
  PopularRecord,
  SimilarMoviesRecord,
  VectorRecord,
} from '../../../../lambdas/app/serving/serving-records.ts';
import type { ServingStore } from '../../../../lambdas/app/serving/serving-store.ts';
import { trainModelVersion } from '../../../../lambdas/app/train-model-version.ts';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../../../lambdas/core/dataset/synthetic-dataset.ts';
import { toLittleEndianBytes } from '../../../../lambdas/core/model-codec/little-endian.ts';
import { decodeModelVersion } from '../../../../lambdas/core/model-codec/model-version.ts';
import { itemStats } from '../../../../lambdas/core/models/popularity.ts';
import type { RankedList } from '../../../../lambdas/core/models/popularity.ts';
import { neighboursOf } from '../../../../lambdas/core/models/similar-items.ts';

export const VERSION = 'v20260101T000000Z';
export const UNKNOWN_USER = 99_999;

/**
 * A tiny trained model version and the serving table the pipeline would write for it: a seeded
 * synthetic dataset (three movies renamed to real titles for the search tests) unless another
 * is given, trained with the real training use-case, and every record of docs/architecture.md §5
 * derived from the decoded version.
 */
export interface ServingFixture {
  dataset: Dataset;
  version: ModelVersion;
  /** The version's files as the codec wrote them (what S3 holds under models/<version>/). */
  files: Map<string, Uint8Array>;
  /** Table items by "pk|sk", each with its pk and sk attributes. */
  items: Map<string, Record<string, unknown>>;
  pointer: ModelPointer;
}

const keyOf = (key: TableKey): string => `${key.pk}|${key.sk}`;

export async function buildServingFixture(
  dataset: Dataset = renamedSyntheticDataset(),
): Promise<ServingFixture> {
  const trained = await trainModelVersion(dataset, {
    version: VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    seed: 9,
    now: () => 0,
    rating: { sgd: { epochs: 5 }, bayesian: { sweeps: 10, burnIn: 5 } },
  });
  const version = modelVersionFromDecoded(decodeModelVersion(trained.files));
  const items = new Map<string, Record<string, unknown>>();
  const put = (key: TableKey, record: object): void => {
    items.set(keyOf(key), { ...key, ...record });
  };

  const metrics = { rmse: trained.metrics.rmse, 'ndcg@10': trained.metrics['ndcg@10'] ?? 0 };
  const pointer: ModelPointer = {
    version: VERSION,
    publishedAt: '2026-01-01T01:00:00.000Z',
    metrics,
  };
  put(servingKeys.currentModel(), pointer);
  const registry: ModelVersionRecord[] = [
    {
      version: VERSION,
      createdAt: '2026-01-01T00:00:00.000Z',
      metrics,
      lossHistory: { rating: [0.9, 0.8], ranking: [] },
    },
    { version: 'v20251201T000000Z', createdAt: '2025-12-01T00:00:00.000Z', metrics: { rmse: 1 } },
  ];
  for (const entry of registry) put(servingKeys.modelVersion(entry.version), entry);

  const { rating, catalogue, popularity } = version;
  const k = rating.factors;
  const vector = (bias: number, factors: Float32Array): VectorRecord => ({
    version: VERSION,
    bias,
    factors: toLittleEndianBytes(factors),
  });
  const rows = catalogueRows(version.catalogue);
  dataset.userIds.forEach((userId, user) => {
    const recs = recommendForUser(version, userId, { limit: 20 });
    put(
      servingKeys.userRecommendations(userId, VERSION),
      userRecommendationsRecord(version.catalogue, rows, userId, VERSION, recs),
    );
    put(
      servingKeys.userVector(userId, VERSION),
      vector(rating.userBias[user]!, rating.userFactors.slice(user * k, (user + 1) * k)),
    );
  });
  catalogue.itemIds.forEach((movieId, item) => {
    const stats = itemStats(popularity.stats, item);
    const year = catalogue.years[item]!;
    const movie: MovieRecord = {
      movieId,
      title: catalogue.titles[item]!,
      year: year > 0 ? year : null,
      genres: catalogue.genres[item]!,
      imdbId: null,
      tmdbId: null,
      ratingCount: stats.count,
      ratingMean: stats.mean,
      bayesianAverage: stats.bayesianAverage,
      histogram: Array.from(stats.histogram),
      topTags: [],
    };
    put(servingKeys.movie(movieId), movie);
    const neighbours = neighboursOf(version.similar, item);
    const similar: SimilarMoviesRecord = {
      movieId,
      version: VERSION,
      items: Array.from(neighbours.items, (other, j) => ({
        movieId: catalogue.itemIds[other]!,
        score: neighbours.scores[j]!,
      })),
    };
    put(servingKeys.similarMovies(movieId, VERSION), similar);
    put(
      servingKeys.movieVector(movieId, VERSION),
      vector(rating.itemBias[item]!, rating.itemFactors.slice(item * k, (item + 1) * k)),
    );
  });
  const popular = (genre: string, list: RankedList): PopularRecord => ({
    genre,
    version: VERSION,
    items: Array.from(list.items, (item, r) => ({
      movieId: catalogue.itemIds[item]!,
      score: list.scores[r]!,
      count: list.counts[r]!,
      mean: list.means[r]!,
    })),
  });
  put(servingKeys.popular(ALL_GENRES, VERSION), popular(ALL_GENRES, popularity.overall));
  for (const [genre, list] of Object.entries(popularity.byGenre)) {
    put(servingKeys.popular(genre, VERSION), popular(genre, list));
  }
  return { dataset, version, files: trained.files, items, pointer };
}

/** The default fixture's data: seeded synthetic, three movies renamed for the search tests. */
function renamedSyntheticDataset(): Dataset {
  const synthetic = generateSyntheticDataset({ users: 60, items: 40, ratings: 900, seed: 2 });
  const titles = ['Toy Story', 'Heat', 'Finding Nemo'];
  return {
    ...synthetic,
    movies: synthetic.movies.map((movie, i) => ({ ...movie, title: titles[i] ?? movie.title })),
  };
}

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (item === undefined) return undefined;
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as T;
};

/** The ServingStore port over the fixture's items (what the DynamoDB adapter reads). */
export function memoryStore(items: Map<string, Record<string, unknown>>): ServingStore {
  const get = async <T>(key: TableKey): Promise<T | undefined> => strip<T>(items.get(keyOf(key)));
  return {
    getCurrentModel: () => get(servingKeys.currentModel()),
    getModelVersion: (version) => get(servingKeys.modelVersion(version)),
    listModelVersions: async () =>
      [...items.values()]
        .filter((item) => item.pk === 'MODEL' && String(item.sk).startsWith('V#'))
        .sort((a, b) => String(b.sk).localeCompare(String(a.sk)))
        .map((item) => strip<ModelVersionRecord>(item)!),
    getUserRecommendations: (userId, version) =>
      get(servingKeys.userRecommendations(userId, version)),
    getUserVector: (userId, version) => get(servingKeys.userVector(userId, version)),
    getMovieVector: (movieId, version) => get(servingKeys.movieVector(movieId, version)),
    getMovie: (movieId) => get(servingKeys.movie(movieId)),
    getMovies: async (movieIds) => {
      const found = new Map<number, MovieRecord>();
      for (const id of movieIds) {
        const movie = strip<MovieRecord>(items.get(keyOf(servingKeys.movie(id))));
        if (movie !== undefined) found.set(id, movie);
      }
      return found;
    },
    getSimilarMovies: (movieId, version) => get(servingKeys.similarMovies(movieId, version)),
    getPopular: (genre, version) => get(servingKeys.popular(genre, version)),
  };
}

/** The ModelFiles port over one version's files; records which files were read. */
export function memoryFiles(
  files: ReadonlyMap<string, Uint8Array>,
  version = VERSION,
): ModelFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(wanted, fileName) {
      reads.push(fileName);
      return wanted === version ? files.get(fileName) : undefined;
    },
  };
}
