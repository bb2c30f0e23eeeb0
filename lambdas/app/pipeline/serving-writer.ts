import type { TableKey } from '../serving/serving-keys.ts';

/** One item of the serving table: its key plus the record of serving-records.ts. */
export type ServingItem = TableKey & Record<string, unknown>;

/** Most items one BatchWriteItem call takes. */
export const BATCH_WRITE_LIMIT = 25;

/**
 * The pipeline's port to the serving table (DynamoDB in the cloud, a Map in tests and the local
 * run). Only what the pipeline needs: it is the table's only writer and never deletes (old
 * versions expire by TTL).
 */
export interface ServingWriter {
  get(key: TableKey): Promise<Record<string, unknown> | undefined>;
  put(item: ServingItem): Promise<void>;
  /**
   * Writes `item` only when the stored item at its key has attribute `version` equal to
   * `expectedVersion`, or, with null, when there is no item yet. False when the condition failed.
   */
  putIfVersion(item: ServingItem, expectedVersion: string | null): Promise<boolean>;
  /** One BatchWriteItem of at most 25 puts; returns the items the table left unprocessed. */
  batchPut(items: readonly ServingItem[]): Promise<ServingItem[]>;
  /** Sets the TTL attribute on the items that exist among `keys`; never creates items. */
  expire(keys: readonly TableKey[], expiresAt: number): Promise<void>;
}
