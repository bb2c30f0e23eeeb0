import { createHash } from 'node:crypto';
import type { Dataset } from '../dataset/dataset.ts';
import { littleEndianView } from './little-endian.ts';

/** Lowercase hex SHA-256 of `bytes` (node:crypto is deterministic and does no IO). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Identifies the exact ratings a model was trained on: SHA-256 over the raw user and item ids
 * and every rating array (user, item, value, timestamp), each prefixed by its length so that
 * different splits of the same bytes cannot collide. Titles, genres and tags are left out: they
 * do not change what a model learned from the ratings.
 */
export function datasetFingerprint(
  dataset: Pick<Dataset, 'userIds' | 'itemIds' | 'ratings'>,
): string {
  const { ratings } = dataset;
  const hash = createHash('sha256');
  const arrays = [
    dataset.userIds,
    dataset.itemIds,
    ratings.user,
    ratings.item,
    ratings.value,
    new Int32Array(
      ratings.timestamp.buffer,
      ratings.timestamp.byteOffset,
      ratings.timestamp.length,
    ),
  ];
  for (const array of arrays) {
    hash.update(littleEndianView(new Int32Array([array.length])));
    hash.update(littleEndianView(array));
  }
  return hash.digest('hex');
}
