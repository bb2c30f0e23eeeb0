import { S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from './s3-client-config.ts';

/**
 * The AWS SDK clients of a container, created on first use and then reused by every invocation
 * (connection reuse is most of a warm request's speed). Endpoints come from the SDK's own
 * configuration chain, so `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3` point the same code
 * at LocalStack or the embedded emulators without a code path of its own.
 */
export { dynamoDocumentClient } from './dynamodb-client.ts';

let s3: S3Client | undefined;

export function s3Client(): S3Client {
  s3 ??= new S3Client(s3ClientConfig());
  return s3;
}
