import { requireCurrentModel } from './current-model.ts';
import type { LossHistory, ModelVersionRecord } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

/** A registry entry as the API answers it: metrics and loss curves always present. */
export type ModelVersionInfo = ModelVersionRecord & {
  metrics: Record<string, number>;
  lossHistory: LossHistory;
};

export interface ModelInfo {
  version: string;
  publishedAt: string;
  metrics: Record<string, number>;
  /** The registry entry of the live version (parameters, dataset, curves), if written. */
  details: ModelVersionInfo | null;
  /** Every trained version, newest first, with its metrics: the model page's history. */
  versions: ModelVersionInfo[];
}

export async function modelInfo(store: ServingStore): Promise<ModelInfo> {
  const pointer = await requireCurrentModel(store);
  const versions = (await store.listModelVersions()).map(versionInfo);
  return {
    version: pointer.version,
    publishedAt: pointer.publishedAt,
    metrics: pointer.metrics,
    details: versions.find((entry) => entry.version === pointer.version) ?? null,
    versions,
  };
}

/** Entries written before the curves were recorded answer empty curves, not a missing field. */
function versionInfo(record: ModelVersionRecord): ModelVersionInfo {
  const curve = (values: unknown): number[] =>
    Array.isArray(values) ? values.filter((v): v is number => typeof v === 'number') : [];
  const loss = record.lossHistory as Partial<Record<keyof LossHistory, unknown>> | undefined;
  return {
    ...record,
    metrics: record.metrics ?? {},
    lossHistory: { rating: curve(loss?.rating), ranking: curve(loss?.ranking) },
  };
}
