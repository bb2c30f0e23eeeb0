import type { RandomAccessBytes } from '../../core/dataset/zip-dataset-files.ts';

/**
 * The pipeline's port to the data bucket (S3 in the cloud, a Map in tests and the local run).
 * Keys are bucket-relative, e.g. `models/<version>/manifest.json`.
 */
export interface ObjectStore {
  /** The object's bytes, or undefined when there is no such key. */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array, contentType?: string): Promise<void>;
  /** Every key that starts with `prefix`, in ascending (UTF-8 binary, S3's) order. */
  list(prefix: string): Promise<string[]>;
}

/** The object's bytes; throws naming the key when it is missing (a broken pipeline input). */
export async function getRequired(store: ObjectStore, key: string): Promise<Uint8Array> {
  const bytes = await store.get(key);
  if (bytes === undefined) throw new Error(`missing object ${key} in the data bucket`);
  return bytes;
}

export async function getJson(store: ObjectStore, key: string): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await getRequired(store, key)));
}

export function putJson(store: ObjectStore, key: string, value: unknown): Promise<void> {
  return store.put(key, new TextEncoder().encode(JSON.stringify(value)), 'application/json');
}

/** Bytes already in memory, read at any offset (e.g. a downloaded zip). */
export function bytesAsRandomAccess(bytes: Uint8Array): RandomAccessBytes {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}
