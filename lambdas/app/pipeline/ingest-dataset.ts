import type { AddedRows } from '../../core/dataset/added-ratings.ts';
import { mergeRatings, readAddedRatings } from '../../core/dataset/added-ratings.ts';
import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import { loadMovieLens } from '../../core/dataset/load-movielens.ts';
import { zipDatasetFiles } from '../../core/dataset/zip-dataset-files.ts';
import { datasetFingerprint } from '../../core/model-codec/fingerprint.ts';
import type { DatasetSource } from './dataset-source.ts';
import type { RatingSources } from '../profiles/profile-records.ts';
import type { ObjectStore } from './object-store.ts';
import { getRequired } from './object-store.ts';
import { groupLensUrl, INCOMING_PREFIX, pipelineObjectKeys } from './pipeline-objects.ts';
import { writeProcessedDataset } from './processed-dataset.ts';
import type { ProfileRatingsSource } from './profile-ratings-source.ts';
import type { ProfileUser } from './training-origin.ts';
import { writeTrainingOrigin } from './training-origin.ts';

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
  /** Where the ratings came from (the version records it); ratings = the sum of its counts. */
  sources: RatingSources;
  /** Ratings replaced by a later rating of the same user and movie (operator files). */
  replacedRatings: number;
  /** Profile ratings left out: the movie is not in the dataset or the rating is off its scale. */
  droppedProfileRatings: number;
}

/** Operator files one run reads at most: a bound on the run's time and memory. */
export const MAX_OPERATOR_FILES = 1000;

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
 * The ingest step: keep the raw archive in the bucket and read it from there by ranges (never
 * whole: each file streams through the inflater into the parser), validating it with the core
 * loader (any bad row fails the run with file and line); add the operator files under
 * `datasets/incoming/` (sorted by key; a bad row fails the run with the object key and line) and
 * every profile's ratings as extra users (profiles in profileId order, ids above every other
 * user's); write the processed dataset and its origin to S3. The `ratingsCollected` counter is
 * read before the profiles, so a rating written meanwhile counts as collected after this version.
 * A rejected archive stays at its raw key too: the bucket keeps what was fed to each run.
 */
export async function ingestDataset(
  input: { dataset: string },
  ports: {
    source: DatasetSource;
    store: ObjectStore;
    profiles: ProfileRatingsSource;
    now: () => Date;
  },
): Promise<IngestResult> {
  const { uri, name } = resolveDataset(input.dataset);
  const rawKey = pipelineObjectKeys.rawDataset(name);
  const archive = await ports.source.stage(uri, rawKey);
  const files = await zipDatasetFiles(archive, name);
  const { dataset: configured } = await loadMovieLens(files);

  const operatorFileKeys = (await ports.store.list(INCOMING_PREFIX)).filter((key) =>
    key.endsWith('.csv'),
  );
  if (operatorFileKeys.length > MAX_OPERATOR_FILES) {
    throw new Error(
      `${operatorFileKeys.length} operator files under ${INCOMING_PREFIX}, at most ${MAX_OPERATOR_FILES}: merge them into fewer files`,
    );
  }
  const operatorRows: AddedRows[] = [];
  for (const key of operatorFileKeys) {
    const content = await getRequired(ports.store, key);
    operatorRows.push(await readAddedRatings(configured, key, once(content)));
  }

  const profilesReadAt = ports.now().toISOString();
  const ratingsCollectedAtIngest = await ports.profiles.ratingsCollected();
  const profiles = (await ports.profiles.profiles())
    .filter((profile) => profile.ratings.length > 0)
    .sort((a, b) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0));
  const merged = mergeRatings(
    configured,
    operatorRows,
    profiles.map((profile) =>
      profile.ratings.map((r) => ({ movieId: r.movieId, rating: r.rating, timestamp: r.ratedAt })),
    ),
  );
  const { dataset } = merged;
  const profileUsers: ProfileUser[] = [];
  merged.addedUserIds.forEach((userId, p) => {
    if (userId !== null) profileUsers.push([userId, profiles[p]!.profileId]);
  });
  const sources: RatingSources = {
    dataset: merged.counts.dataset,
    profiles: merged.counts.addedUsers,
    profileUsers: profileUsers.length,
    operatorFiles: merged.counts.files,
    operatorFileKeys,
    ratingsCollectedAtIngest,
    profilesReadAt,
  };

  const fingerprint = datasetFingerprint(dataset);
  const processedPrefix = pipelineObjectKeys.processedDataset(name, fingerprint);
  await writeProcessedDataset(ports.store, processedPrefix, dataset);
  await writeTrainingOrigin(ports.store, processedPrefix, { sources, profileUsers });
  return {
    name,
    source: uri,
    rawKey,
    processedPrefix,
    fingerprint,
    ratings: ratingCount(dataset),
    users: userCount(dataset),
    items: itemCount(dataset),
    bytes: archive.size,
    version: versionId(ports.now(), fingerprint),
    sources,
    replacedRatings: merged.replaced,
    droppedProfileRatings: merged.dropped,
  };
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
