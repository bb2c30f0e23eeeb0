import type { IalsTrainer } from '../../app/fit-ranking-model.ts';
import type { ModelVersion } from '../../app/model-version.ts';
import type { RatingTrainer } from '../../app/rating-trainer.ts';
import { readModelVersion } from '../../app/pipeline/model-version-files.ts';
import { readProcessedDataset } from '../../app/pipeline/processed-dataset.ts';
import type { Dataset } from '../../core/dataset/dataset.ts';
import { readProfileUsers } from '../../app/pipeline/training-origin.ts';
import type { WriteItemsOptions } from '../../app/pipeline/write-items.ts';
import { dynamoDocumentClient, s3Client } from '../../aws/aws-clients.ts';
import { DynamoProfileRatings } from '../../aws/dynamodb-profile-ratings.ts';
import { DynamoServingWriter } from '../../aws/dynamodb-serving-writer.ts';
import { pipelineConfig, requireTable } from '../../aws/pipeline-config.ts';
import { S3ObjectStore } from '../../aws/s3-object-store.ts';
import { trainingThreads } from '../../aws/training-threads.ts';
import { ialsOnWorkers } from '../../threads/parallel-ials.ts';
import { ratingModelOnWorker } from '../../threads/rating-model-on-worker.ts';

/** The ports of the pipeline steps on AWS, created once per container. */
export const objectStore = (): S3ObjectStore =>
  new S3ObjectStore(s3Client(), pipelineConfig().bucketName);

export const servingWriter = (): DynamoServingWriter =>
  new DynamoServingWriter(dynamoDocumentClient(), requireTable(pipelineConfig()));

export const profileRatings = (): DynamoProfileRatings =>
  new DynamoProfileRatings(dynamoDocumentClient(), requireTable(pipelineConfig()), writeOptions);

/** iALS on as many worker threads as the function's memory buys vCPUs. */
export const ialsTrainer = (): IalsTrainer =>
  ialsOnWorkers(trainingThreads(pipelineConfig().lambdaMemoryMb));

/** The rating model on a thread of its own when the function's memory buys 2 vCPUs or more. */
export const ratingTrainer = (): RatingTrainer =>
  ratingModelOnWorker(trainingThreads(pipelineConfig().lambdaMemoryMb));

export const writeOptions: WriteItemsOptions = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const versions = new Map<string, Promise<ModelVersion>>();

/** A model version read from S3 once per container (warm children of the Map reuse it). */
export function loadVersion(version: string): Promise<ModelVersion> {
  let loading = versions.get(version);
  if (loading === undefined) {
    loading = readModelVersion(objectStore(), version);
    // Keep only the latest: a container serves one pipeline run at a time.
    versions.clear();
    versions.set(version, loading);
    loading.catch(() => versions.delete(version));
  }
  return loading;
}

const datasets = new Map<string, Promise<Dataset>>();

/**
 * A processed dataset read from S3 once per container: the trials of the Tune state's Map that
 * land on a warm container reuse it, like {@link loadVersion}.
 */
export function loadProcessedDataset(processedPrefix: string): Promise<Dataset> {
  let loading = datasets.get(processedPrefix);
  if (loading === undefined) {
    loading = readProcessedDataset(objectStore(), processedPrefix);
    datasets.clear();
    datasets.set(processedPrefix, loading);
    loading.catch(() => datasets.delete(processedPrefix));
  }
  return loading;
}

const profileUsers = new Map<string, Promise<ReadonlyMap<number, string>>>();

/** A version's profile users read from S3 once per container, like {@link loadVersion}. */
export function loadProfileUsers(version: string): Promise<ReadonlyMap<number, string>> {
  let loading = profileUsers.get(version);
  if (loading === undefined) {
    loading = readProfileUsers(objectStore(), version);
    profileUsers.clear();
    profileUsers.set(version, loading);
    loading.catch(() => profileUsers.delete(version));
  }
  return loading;
}
