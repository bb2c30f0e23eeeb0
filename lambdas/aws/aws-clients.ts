import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * The AWS SDK clients of a Lambda container, created on first use and then reused by every
 * invocation (connection reuse is most of a warm request's speed). Endpoints come from the SDK's
 * own configuration chain, so `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3` point the same
 * code at LocalStack or the embedded emulators without a code path of its own.
 *
 * Retries: the SDK's standard mode retries throttling and transient errors with jittered
 * exponential backoff; readers that must survive longer throttling add their own retry on top.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;

/** DynamoDB with native JS values: numbers, strings, lists, maps, Uint8Array for binary. */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return documentClient;
}

export function s3Client(): S3Client {
  // Checksums only when the operation requires one: some S3 emulators store the framed chunks of
  // a streamed checksum upload verbatim (DESIGN.md §8).
  s3 ??= new S3Client({
    maxAttempts: 3,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Emulators answer on one host name, not bucket sub-domains.
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
  });
  return s3;
}
