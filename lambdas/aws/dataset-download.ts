import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CopyObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DatasetSource } from '../app/pipeline/dataset-source.ts';
import { s3RandomAccess } from './s3-random-access.ts';

/** The largest archive ingest takes: a single PutObject or CopyObject (ml-32m's zip is 239 MB). */
export const MAX_ARCHIVE_BYTES = 5 * 2 ** 30;

/**
 * Stages a dataset archive in the data bucket without holding it whole: s3://bucket/key with a
 * server-side CopyObject (the function's role must be allowed to read it), https:// (GroupLens)
 * by streaming the runtime's fetch into a PutObject of the announced length; then opens the
 * copy for ranged reads (s3RandomAccess).
 */
export function datasetDownload(
  s3: S3Client,
  dataBucket: string,
  fetchImpl: typeof fetch = fetch,
): DatasetSource {
  return {
    async stage(uri, rawKey) {
      const s3Uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
      if (s3Uri !== null) {
        const [, bucket, key] = s3Uri as unknown as [string, string, string];
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        checkSize(uri, head.ContentLength);
        await s3.send(
          new CopyObjectCommand({
            Bucket: dataBucket,
            Key: rawKey,
            CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
            ContentType: 'application/zip',
          }),
        );
      } else {
        if (!uri.startsWith('https://'))
          throw new Error(`cannot fetch ${uri}: not https:// or s3://`);
        const response = await fetchImpl(uri);
        if (!response.ok || response.body === null) {
          throw new Error(
            `download of ${uri} failed: HTTP ${response.status} ${response.statusText}`,
          );
        }
        const length = Number(response.headers.get('content-length') ?? Number.NaN);
        checkSize(uri, Number.isFinite(length) ? length : undefined);
        await s3.send(
          new PutObjectCommand({
            Bucket: dataBucket,
            Key: rawKey,
            Body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
            ContentLength: length,
            ContentType: 'application/zip',
          }),
        );
      }
      const copy = await s3.send(new HeadObjectCommand({ Bucket: dataBucket, Key: rawKey }));
      return s3RandomAccess(s3, { bucket: dataBucket, key: rawKey, size: copy.ContentLength! });
    },
  };
}

function checkSize(uri: string, bytes: number | undefined): void {
  if (bytes === undefined) {
    throw new Error(`${uri} announces no size (Content-Length): cannot stream it into S3`);
  }
  if (bytes > MAX_ARCHIVE_BYTES) {
    throw new Error(
      `${uri} is ${bytes} bytes, more than the ${MAX_ARCHIVE_BYTES} bytes an archive may have`,
    );
  }
}
