import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DatasetSource } from '../app/pipeline/dataset-source.ts';

/**
 * Fetches a dataset archive: https:// with the runtime's fetch (GroupLens), s3://bucket/key with
 * GetObject (the function's role must be allowed to read it).
 */
export function datasetDownload(s3: S3Client, fetchImpl: typeof fetch = fetch): DatasetSource {
  return {
    async fetch(uri) {
      const s3Uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
      if (s3Uri !== null) {
        const response = await s3.send(new GetObjectCommand({ Bucket: s3Uri[1], Key: s3Uri[2] }));
        return response.Body!.transformToByteArray();
      }
      if (!uri.startsWith('https://'))
        throw new Error(`cannot fetch ${uri}: not https:// or s3://`);
      const response = await fetchImpl(uri);
      if (!response.ok) {
        throw new Error(
          `download of ${uri} failed: HTTP ${response.status} ${response.statusText}`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
