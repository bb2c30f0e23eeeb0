import { AwsServiceError } from './aws-service-error.ts';
import type { SignedSend } from './signed-send.ts';

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
  send: SignedSend;
}): S3ObjectReader {
  return {
    async getObject(key) {
      const { status, body } = await options.send(options.objectUrl(options.bucket, key), {
        method: 'GET',
      });
      if (status >= 200 && status < 300)
        return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      const text = body.toString('utf8');
      const code =
        /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
        (status === 404 ? 'NoSuchKey' : status >= 500 ? 'InternalError' : `HttpStatus${status}`);
      if (code === 'NoSuchKey') return undefined;
      const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
      throw new AwsServiceError(
        code,
        `S3 GetObject s3://${options.bucket}/${key} failed: ${code} (HTTP ${status})${message === undefined ? '' : `: ${message}`}`,
        status,
        status >= 500,
      );
    },
  };
}
