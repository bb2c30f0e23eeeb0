import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import { loadMovieLens } from '../../core/dataset/load-movielens.ts';
import { zipDatasetFiles } from '../../core/dataset/zip-dataset-files.ts';
import { datasetFingerprint } from '../../core/model-codec/fingerprint.ts';
import type { DatasetSource } from './dataset-source.ts';
import type { ObjectStore } from './object-store.ts';
import { bytesAsRandomAccess } from './object-store.ts';
import { groupLensUrl, pipelineObjectKeys } from './pipeline-objects.ts';
import { writeProcessedDataset } from './processed-dataset.ts';

/** Releases the pipeline downloads from GroupLens by name (issue 3). */
export const GROUPLENS_DATASETS = ['ml-latest-small', 'ml-25m', 'ml-32m'] as const;

export interface IngestResult {
  name: string;
  /** Where the archive came from. */
  source: string;
  rawKey: string;
  processedPrefix: string;
  fingerprint: string;
  ratings: number;
  users: number;
  items: number;
  /** Size of the archive in bytes. */
  bytes: number;
  /** The id of the model version this run trains: UTC time of ingest + data fingerprint. */
  version: string;
}

/** Resolves a named dataset or an s3:// uri of a zip to the uri to fetch and a dataset name. */
export function resolveDataset(dataset: string): { uri: string; name: string } {
  if ((GROUPLENS_DATASETS as readonly string[]).includes(dataset)) {
    return { uri: groupLensUrl(dataset), name: dataset };
  }
  const s3 = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/(?:.*\/)?([A-Za-z0-9._-]+)\.zip$/.exec(
    dataset,
  );
  if (s3 === null) {
    throw new Error(
      `unknown dataset "${dataset}": expected one of ${GROUPLENS_DATASETS.join(', ')} or an s3://bucket/key.zip uri`,
    );
  }
  return { uri: dataset, name: s3[1]! };
}

/** "20261121-200254-ab12cd34": sorts by time, unique per data, fits MODEL_VERSION_PATTERN. */
export function versionId(at: Date, fingerprint: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15).replace('T', '-');
  return `${stamp}-${fingerprint.slice(0, 8)}`;
}

/**
 * The ingest step: fetch the archive, validate it with the core loader (any bad row fails the
 * run with file and line), keep the raw archive and write the processed dataset to S3.
 */
export async function ingestDataset(
  input: { dataset: string },
  ports: { source: DatasetSource; store: ObjectStore; now: () => Date },
): Promise<IngestResult> {
  const { uri, name } = resolveDataset(input.dataset);
  const bytes = await ports.source.fetch(uri);
  const files = await zipDatasetFiles(bytesAsRandomAccess(bytes), name);
  const { dataset } = await loadMovieLens(files);
  const fingerprint = datasetFingerprint(dataset);
  const rawKey = pipelineObjectKeys.rawDataset(name);
  const processedPrefix = pipelineObjectKeys.processedDataset(name, fingerprint);
  await ports.store.put(rawKey, bytes, 'application/zip');
  await writeProcessedDataset(ports.store, processedPrefix, dataset);
  return {
    name,
    source: uri,
    rawKey,
    processedPrefix,
    fingerprint,
    ratings: ratingCount(dataset),
    users: userCount(dataset),
    items: itemCount(dataset),
    bytes: bytes.length,
    version: versionId(ports.now(), fingerprint),
  };
}
