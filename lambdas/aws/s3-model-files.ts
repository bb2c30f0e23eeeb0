import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { modelObjectKeys } from '../app/serving/serving-artifacts.ts';
import type { ModelFiles } from '../app/serving/serving-model.ts';
import type { RetryOptions } from './throttle-retry.ts';
import { withThrottleRetry } from './throttle-retry.ts';

/** Files of model versions under `models/<version>/` in the data bucket (read-only). */
export function createS3ModelFiles(options: {
  client: S3Client;
  bucketName: string;
  retry?: RetryOptions;
}): ModelFiles {
  const { client, bucketName } = options;
  return {
    async read(version, fileName) {
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
        if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
