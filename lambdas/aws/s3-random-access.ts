import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RandomAccessBytes } from '../core/dataset/zip-dataset-files.ts';

/**
 * Ranged GETs fetch this much at a time: the zip reader asks for 64 KB pieces in order, so one
 * block serves 128 of them, and a 250 MB archive takes about 30 requests, never more than a
 * block in memory.
 */
export const S3_READ_BLOCK = 8 * 2 ** 20;

/**
 * An S3 object of known size read at any offset by ranged GetObject (RFC 9110 byte ranges),
 * holding the last block fetched: how ingest reads a zip without downloading it whole.
 */
export function s3RandomAccess(
  client: S3Client,
  location: { bucket: string; key: string; size: number },
  block = S3_READ_BLOCK,
): RandomAccessBytes {
  const { bucket, key, size } = location;
  const get = async (offset: number, length: number): Promise<Uint8Array> => {
    const response = await client.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        Range: `bytes=${offset}-${offset + length - 1}`,
      }),
    );
    const bytes = await response.Body!.transformToByteArray();
    if (bytes.length !== length) {
      throw new Error(
        `s3://${bucket}/${key}: ${bytes.length} bytes at ${offset} where ${length} were asked (was the object replaced?)`,
      );
    }
    return bytes;
  };
  let cached: { offset: number; bytes: Uint8Array } | undefined;
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      if (offset < 0 || offset > end) throw new RangeError(`bad range ${offset}+${length}`);
      if (end === offset) return new Uint8Array(0);
      if (end - offset > block) return get(offset, end - offset);
      if (
        cached === undefined ||
        offset < cached.offset ||
        end > cached.offset + cached.bytes.length
      ) {
        const start = Math.min(offset, Math.max(0, size - block));
        cached = { offset: start, bytes: await get(start, Math.min(block, size - start)) };
      }
      return cached.bytes.subarray(offset - cached.offset, end - cached.offset);
    },
  };
}
