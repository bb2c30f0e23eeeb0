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

export const pipelineObjectKeys = {
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
