import { describe, expect, it } from 'vitest';
import type { ServingItem } from '../../../../lambdas/app/pipeline/serving-writer.ts';
import { UnprocessedItemsError, writeItems } from '../../../../lambdas/app/pipeline/write-items.ts';
import { InMemoryServingWriter } from '../../../../lambdas/local/in-memory-serving-writer.ts';

const items = (n: number): ServingItem[] =>
  Array.from({ length: n }, (_, i) => ({ pk: `USER#${i}`, sk: 'RECS#v1', userId: i }));

describe('writeItems', () => {
  it('writes in batches of 25 and retries unprocessed items with exponential backoff', async () => {
    const store = new InMemoryServingWriter();
    store.throttledCalls = 3;
    store.unprocessedPerBatch = 10;
    const delays: number[] = [];
    const calls = await writeItems(store, items(60), {
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      concurrency: 1,
      baseDelayMs: 50,
    });
    expect(store.items.size).toBe(60);
    // Batch 1 (25) is throttled three times in a row: 3 retries at 50, 100, 200 ms.
    expect(delays).toEqual([50, 100, 200]);
    // Four calls for the first batch, one each for the other two (25 + 25 + 10).
    expect(calls).toBe(4 + 1 + 1);
  });

  it('gives up after maxAttempts with the number of items left', async () => {
    const store = new InMemoryServingWriter();
    store.throttledCalls = 100;
    store.unprocessedPerBatch = 5;
    const run = writeItems(store, items(25), { sleep: () => Promise.resolve(), maxAttempts: 4 });
    await expect(run).rejects.toThrow(UnprocessedItemsError);
    await expect(run).rejects.toThrow(/5 items unprocessed after 4 attempts/);
    expect(store.batchCalls).toBe(4);
  });

  it('writes nothing and calls nothing for no items', async () => {
    const store = new InMemoryServingWriter();
    expect(await writeItems(store, [], { sleep: () => Promise.resolve() })).toBe(0);
    expect(store.batchCalls).toBe(0);
  });
});
