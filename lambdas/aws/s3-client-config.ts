import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * The S3 client settings of every MovieRec container, kept apart from the client so code that
 * loads the S3 SDK lazily (the API) can share them without importing it.
 */
export function s3ClientConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): S3ClientConfig {
  return {
    maxAttempts: 3,
    // Checksums only when the operation requires one: some S3 emulators store the framed chunks
    // of a streamed checksum upload verbatim (DESIGN.md §8).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Emulators answer on one host name, not bucket sub-domains.
    forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
  };
}
