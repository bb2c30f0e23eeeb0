import { modelObjectKeys } from '../app/serving/serving-artifacts.ts';
import type { ModelFiles } from '../app/serving/serving-model.ts';
import type { S3ObjectReader } from './s3-object-reader.ts';
import type { RetryOptions } from './throttle-retry.ts';
import { withThrottleRetry } from './throttle-retry.ts';

/**
 * Files of model versions under `models/<version>/` in the data bucket (read-only), through
 * signed-HTTP GetObject (s3-object-reader.ts); throttled and transient failures are retried with
 * backoff, a missing file is undefined.
 */
export function createS3ModelFiles(options: {
  objects: S3ObjectReader;
  retry?: RetryOptions;
}): ModelFiles {
  return {
    read: (version, fileName) =>
      withThrottleRetry(
        () => options.objects.getObject(modelObjectKeys.file(version, fileName)),
        options.retry,
      ),
  };
}
