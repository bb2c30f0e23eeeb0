import type { ServingItem, ServingWriter } from '../app/pipeline/serving-writer.ts';
import { BATCH_WRITE_LIMIT } from '../app/pipeline/serving-writer.ts';
import type { TableKey } from '../app/serving/serving-keys.ts';
import { TTL_ATTRIBUTE } from '../app/serving/serving-keys.ts';

const id = (key: TableKey): string => `${key.pk}\u0000${key.sk}`;

/**
 * The serving table as a Map with DynamoDB's semantics where the pipeline relies on them: a
 * conditional put that refuses when the condition fails, BatchWriteItem's 25-item limit, and
 * optional throttling (`unprocessedPerBatch` items of each batch left unprocessed, for as many
 * calls as `throttledCalls`) to exercise the retries.
 */
export class InMemoryServingWriter implements ServingWriter {
  readonly items = new Map<string, ServingItem>();
  batchCalls = 0;
  throttledCalls = 0;
  unprocessedPerBatch = 0;

  get(key: TableKey): Promise<Record<string, unknown> | undefined> {
    return Promise.resolve(this.items.get(id(key)));
  }

  put(item: ServingItem): Promise<void> {
    this.items.set(id(item), structuredClone(item));
    return Promise.resolve();
  }

  putIfVersion(item: ServingItem, expectedVersion: string | null): Promise<boolean> {
    const existing = this.items.get(id(item));
    const ok =
      expectedVersion === null ? existing === undefined : existing?.version === expectedVersion;
    if (ok) this.items.set(id(item), structuredClone(item));
    return Promise.resolve(ok);
  }

  batchPut(items: readonly ServingItem[]): Promise<ServingItem[]> {
    if (items.length > BATCH_WRITE_LIMIT) {
      return Promise.reject(
        new Error(`BatchWriteItem takes at most 25 items, got ${items.length}`),
      );
    }
    this.batchCalls++;
    let unprocessed: ServingItem[] = [];
    let written = items;
    if (this.throttledCalls > 0 && this.unprocessedPerBatch > 0) {
      this.throttledCalls--;
      unprocessed = items.slice(0, this.unprocessedPerBatch);
      written = items.slice(this.unprocessedPerBatch);
    }
    for (const item of written) this.items.set(id(item), structuredClone(item));
    return Promise.resolve(unprocessed);
  }

  expire(keys: readonly TableKey[], expiresAt: number): Promise<void> {
    for (const key of keys) {
      const item = this.items.get(id(key));
      if (item !== undefined) item[TTL_ATTRIBUTE] = expiresAt;
    }
    return Promise.resolve();
  }

  /** Items whose sort key starts with `skPrefix` (e.g. "RECS#v1"). */
  withSortKey(skPrefix: string): ServingItem[] {
    return [...this.items.values()].filter((item) => item.sk.startsWith(skPrefix));
  }
}
