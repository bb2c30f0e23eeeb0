import * as z from 'zod';
import { ingestDataset } from '../../app/pipeline/ingest-dataset.ts';
import { s3Client } from '../../aws/aws-clients.ts';
import { datasetDownload } from '../../aws/dataset-download.ts';
import { pipelineConfig } from '../../aws/pipeline-config.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { objectStore, profileRatings } from './pipeline-ports.ts';

/**
 * Ingest step: named GroupLens dataset or s3:// zip, plus the operator files and the profiles'
 * ratings → raw + processed data in S3.
 */
export const handler = pipelineHandler(
  'ingest',
  z.object({ dataset: z.string().min(1) }),
  (input) =>
    ingestDataset(input, {
      source: datasetDownload(s3Client(), pipelineConfig().bucketName),
      store: objectStore(),
      profiles: profileRatings(),
      now: () => new Date(),
    }),
);
