import { DASHBOARD_FILE, modelObjectKeys } from '../serving/serving-artifacts.ts';

/**
 * Where the training pipeline keeps its files in the data bucket (docs/architecture.md §6), besides
 * the model version files the API reads (serving-artifacts.ts).
 */
export const DATASETS_PREFIX = 'datasets/';

/**
 * Operator files: every `*.csv` under this prefix is a MovieLens-format ratings.csv that each
 * ingest adds to the configured dataset (docs/retraining.md); deleting the file drops it.
 */
export const INCOMING_PREFIX = `${DATASETS_PREFIX}incoming/`;

/** TMDB enrichment (docs/enrichment.md): the per-movie cache and each version's snapshot. */
export const TMDB_ENRICHMENT_PREFIX = 'enrichment/tmdb/';

export const pipelineObjectKeys = {
  /** One movie's mapped TMDB record, kept across runs so a rerun fetches only new movies. */
  tmdbMovie: (tmdbId: number): string => `${TMDB_ENRICHMENT_PREFIX}movies/${tmdbId}.json`,
  tmdbMovies: `${TMDB_ENRICHMENT_PREFIX}movies/`,
  /** TMDB ids TMDB answered 404 for, one list, so reruns skip them too. */
  tmdbNotFound: `${TMDB_ENRICHMENT_PREFIX}not-found.json`,
  /** The records of one version's movies by MovieLens id, read by training and the catalogue. */
  tmdbSnapshot: (version: string): string => `${TMDB_ENRICHMENT_PREFIX}versions/${version}.json`,
  /** The dataset as downloaded or uploaded (the bucket is versioned: earlier ingests remain). */
  rawDataset: (name: string): string => `${DATASETS_PREFIX}raw/${name}.zip`,
  /** The validated dataset in the processed format (processed-dataset.ts), by content. */
  processedDataset: (name: string, fingerprint: string): string =>
    `${DATASETS_PREFIX}processed/${name}/${fingerprint.slice(0, 16)}/`,
  /**
   * The processed dataset's profile users, `[userId, profileId]` pairs, copied by training into
   * the version (profile-users.ts).
   */
  profileUsers: (version: string): string => `${modelObjectKeys.folder(version)}profile-users.json`,
  /** The user shards of a version: the Distributed Map's ItemReader input. */
  shardManifest: (version: string): string => `${modelObjectKeys.folder(version)}shards.json`,
  /** Aggregates over the dataset for the web app's analytics page (read by GET /dashboard). */
  dashboard: (version: string): string => modelObjectKeys.file(version, DASHBOARD_FILE),
  /** Compact title list for the web app's instant search (id, title, year, popularity). */
  searchIndex: (version: string): string =>
    `${modelObjectKeys.folder(version)}web/search-index.json`,
} as const;

/** GroupLens download address of a named MovieLens release. */
export const groupLensUrl = (name: string): string =>
  `https://files.grouplens.org/datasets/movielens/${name}.zip`;
