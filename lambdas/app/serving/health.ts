import type { ModelPointer } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

export interface Health {
  status: 'ok';
  /** The live version, or null before the first publish (the API is up, but answers 503). */
  model: ModelPointer | null;
}

/** Liveness plus one table read, so a broken table binding shows up here first. */
export async function health(store: ServingStore): Promise<Health> {
  const pointer = await store.getCurrentModel();
  return {
    status: 'ok',
    model:
      pointer === undefined
        ? null
        : { version: pointer.version, publishedAt: pointer.publishedAt, metrics: pointer.metrics },
  };
}
