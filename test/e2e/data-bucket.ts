import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { S3RVER_CREDENTIALS } from '../../lambdas/local/stack/emulators.ts';

/** Writing and removing objects in the data bucket of the system under test. */
export interface DataBucket {
  put(key: string, text: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * The data bucket the suite was given (global-setup.ts): the embedded stack's S3 emulator, or
 * MOVIEREC_DATA_BUCKET on a deployment. Undefined when the suite does not know it.
 */
export function dataBucket(): DataBucket | undefined {
  const bucket = inject('dataBucket');
  if (bucket === null) return undefined;
  const client =
    bucket.endpoint === null
      ? new S3Client({})
      : new S3Client({
          endpoint: bucket.endpoint,
          region: 'us-east-1',
          credentials: { ...S3RVER_CREDENTIALS },
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
        });
  return {
    async put(key, text) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket.name,
          Key: key,
          Body: text,
          ContentType: 'text/csv',
        }),
      );
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key }));
    },
  };
}
