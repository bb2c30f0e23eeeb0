import type { ServingItem, ServingWriter } from './serving-writer.ts';
import { BATCH_WRITE_LIMIT } from './serving-writer.ts';

export interface WriteItemsOptions {
  /** Waits this many milliseconds (injected so tests do not wait). */
  sleep: (ms: number) => Promise<void>;
  /** Calls per batch before giving up (default 10). */
  maxAttempts?: number;
  /** First backoff in ms (default 50), doubled after each partial write, capped at 5 s. */
  baseDelayMs?: number;
  /** Batches in flight at once (default 4). */
  concurrency?: number;
}

export class UnprocessedItemsError extends Error {
  constructor(
    readonly remaining: number,
    attempts: number,
  ) {
    super(`DynamoDB left ${remaining} items unprocessed after ${attempts} attempts (throttled)`);
    this.name = 'UnprocessedItemsError';
  }
}

/**
 * Writes every item with BatchWriteItem in groups of 25, retrying what the table returns as
 * UnprocessedItems with capped exponential backoff (delay = base·2^attempt, as the DynamoDB
 * developer guide asks for batch operations). Returns the number of BatchWriteItem calls.
 */
export async function writeItems(
  store: ServingWriter,
  items: readonly ServingItem[],
  options: WriteItemsOptions,
): Promise<number> {
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelay = options.baseDelayMs ?? 50;
  let calls = 0;
  const writeBatch = async (batch: ServingItem[]): Promise<void> => {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === maxAttempts) throw new UnprocessedItemsError(pending.length, attempt);
      if (attempt > 0) await options.sleep(Math.min(5000, baseDelay * 2 ** (attempt - 1)));
      calls++;
      pending = await store.batchPut(pending);
    }
  };
  const batches: ServingItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH_WRITE_LIMIT) {
    batches.push(items.slice(i, i + BATCH_WRITE_LIMIT));
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) await writeBatch(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return calls;
}
