import { S3Client } from '@aws-sdk/client-s3';

/**
 * The AWS SDK clients of a pipeline container (the API reads with signed HTTP instead), created
 * on first use and then reused by every invocation (connection reuse is most of a warm call's
 * speed). Endpoints come from the SDK's own configuration chain, so `AWS_ENDPOINT_URL_DYNAMODB` /
 * `AWS_ENDPOINT_URL_S3` point the same code at LocalStack or the embedded emulators.
 */
export { dynamoDocumentClient } from './dynamodb-client.ts';

let s3: S3Client | undefined;

export function s3Client(): S3Client {
  s3 ??= new S3Client({
    maxAttempts: 3,
    // Checksums only when the operation requires one: some S3 emulators store the framed chunks
    // of a streamed checksum upload verbatim (docs/architecture.md §9).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Emulators answer on one host name, not bucket sub-domains.
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
  });
  return s3;
}
