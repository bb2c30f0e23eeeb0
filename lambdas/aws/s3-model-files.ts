import type { S3Client } from '@aws-sdk/client-s3';
import { modelObjectKeys } from '../app/serving/serving-artifacts.ts';
import type { ModelFiles } from '../app/serving/serving-model.ts';
import type { RetryOptions } from './throttle-retry.ts';
import { withThrottleRetry } from './throttle-retry.ts';

/**
 * Files of model versions under `models/<version>/` in the data bucket (read-only). The S3 SDK is
 * imported on the first read, not at module load: most API requests never touch S3, and loading
 * the S3 client is a large share of a cold start.
 */
export function createS3ModelFiles(options: {
  /** The client, created on first use. */
  client: () => S3Client | Promise<S3Client>;
  bucketName: string;
  retry?: RetryOptions;
}): ModelFiles {
  const { bucketName } = options;
  return {
    async read(version, fileName) {
      const [{ GetObjectCommand }, client] = await Promise.all([
        import('@aws-sdk/client-s3'),
        options.client(),
      ]);
      try {
        const object = await withThrottleRetry(
          () =>
            client.send(
              new GetObjectCommand({
                Bucket: bucketName,
                Key: modelObjectKeys.file(version, fileName),
              }),
            ),
          options.retry,
        );
        if (object.Body === undefined) return undefined;
        return await object.Body.transformToByteArray();
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
