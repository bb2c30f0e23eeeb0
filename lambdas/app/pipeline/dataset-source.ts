import type { RandomAccessBytes } from '../../core/dataset/zip-dataset-files.ts';

/**
 * The port through which ingest gets a dataset archive (HTTPS from GroupLens or an s3:// uri in
 * the cloud, injected bytes in tests; tests never download) without holding it whole.
 */
export interface DatasetSource {
  /**
   * Keeps the archive at `uri` (https://… or s3://bucket/key) in the data bucket as `rawKey`
   * and opens that copy for reads at any offset, which is how the zip reader reads it: its
   * central directory, then each file in order.
   */
  stage(uri: string, rawKey: string): Promise<RandomAccessBytes>;
}
