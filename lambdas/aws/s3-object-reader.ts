import { AwsServiceError } from './aws-service-error.ts';
import type { SignedFetch } from './signed-fetch.ts';

/** GetObject of one bucket, with plain bytes. */
export interface S3ObjectReader {
  /** The object's bytes, or undefined when there is no such key. */
  getObject(key: string): Promise<Uint8Array | undefined>;
}

/**
 * S3 GetObject over signed HTTP. NoSuchKey is "absent" (undefined); any other error answer
 * becomes an AwsServiceError named by S3's `<Code>` ("SlowDown" is throttling, 5xx transient).
 */
export function createS3ObjectReader(options: {
  bucket: string;
  objectUrl: (bucket: string, key: string) => string;
  fetch: SignedFetch;
}): S3ObjectReader {
  return {
    async getObject(key) {
      const response = await options.fetch(options.objectUrl(options.bucket, key), {
        method: 'GET',
      });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      const text = await response.text();
      const code =
        /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
        (response.status === 404
          ? 'NoSuchKey'
          : response.status >= 500
            ? 'InternalError'
            : `HttpStatus${response.status}`);
      if (code === 'NoSuchKey') return undefined;
      const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
      throw new AwsServiceError(
        code,
        `S3 GetObject s3://${options.bucket}/${key} failed: ${code} (HTTP ${response.status})${message === undefined ? '' : `: ${message}`}`,
        response.status,
        response.status >= 500,
      );
    },
  };
}
