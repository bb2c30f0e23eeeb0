import { requireCurrentModel } from './current-model.ts';
import type { ModelVersionRecord } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

export interface ModelInfo {
  version: string;
  publishedAt: string;
  metrics: Record<string, number>;
  /** The registry entry of the live version (parameters, dataset, curves), if written. */
  details: ModelVersionRecord | null;
  /** Every trained version, newest first, with its metrics: the model page's history. */
  versions: ModelVersionRecord[];
}

export async function modelInfo(store: ServingStore): Promise<ModelInfo> {
  const pointer = await requireCurrentModel(store);
  const versions = await store.listModelVersions();
  return {
    version: pointer.version,
    publishedAt: pointer.publishedAt,
    metrics: pointer.metrics,
    details: versions.find((entry) => entry.version === pointer.version) ?? null,
    versions,
  };
}
