import type { RatingSources } from '../profiles/profile-records.ts';
import { servingKeys } from '../serving/serving-keys.ts';
import type { LossHistory, ModelPointer } from '../serving/serving-records.ts';
import { readManifest } from './model-version-files.ts';
import type { PipelineTuning } from './tuning-record.ts';
import type { ObjectStore } from './object-store.ts';
import { retireVersion } from './retire-version.ts';
import { servingItem } from './serving-items.ts';
import type { ServingWriter } from './serving-writer.ts';

/**
 * Superseded versions stay readable this long after a publish: containers cache the pointer up to
 * 60 s, and a day leaves room to roll back by re-publishing before the items go.
 */
export const RETIRE_AFTER_SECONDS = 24 * 3600;

export class PointerMovedError extends Error {
  constructor(expected: string | null, found: string | null) {
    super(
      `the live model changed during this run (expected ${expected ?? 'none'}, found ${found ?? 'none'}); ` +
        'not publishing over it: start a new run',
    );
    this.name = 'PointerMovedError';
  }
}

export interface PublishResult {
  version: string;
  previousVersion: string | null;
  publishedAt: string;
  /** Items of the previous version given a TTL (0 when there was none). */
  retiredItems: number;
  /** Why retiring the previous version failed, if it did (the publish itself stands). */
  retireError?: string;
}

/**
 * The publish step: ONE conditional PutItem flips MODEL/CURRENT to the new version, only if the
 * pointer still names the version the run saw before scoring (or there is none), so two runs
 * can never both publish; then the registry entry (with the manifest's rating `sources`), then
 * the previous version's items get a TTL.
 * Safe to retry: a pointer that already names this version is left as it is.
 */
export async function publishVersion(
  input: { version: string; expectedLiveVersion: string | null },
  ports: {
    store: ObjectStore;
    serving: ServingWriter;
    now: () => Date;
    retireAfterSeconds?: number;
  },
): Promise<PublishResult> {
  const { version, expectedLiveVersion } = input;
  const manifest = await readManifest(ports.store, version);
  const at = ports.now();
  const metrics = Object.fromEntries(
    Object.entries(manifest.metrics).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  const { sources, tuning } =
    (manifest.extra as { sources?: RatingSources; tuning?: PipelineTuning } | undefined) ?? {};
  const current = (await ports.serving.get(servingKeys.currentModel())) as ModelPointer | undefined;
  if (current?.version !== version) {
    const pointer: ModelPointer = { version, metrics, publishedAt: at.toISOString() };
    const written = await ports.serving.putIfVersion(
      servingItem(servingKeys.currentModel(), pointer),
      expectedLiveVersion,
    );
    if (!written) {
      const found = (await ports.serving.get(servingKeys.currentModel())) as
        ModelPointer | undefined;
      throw new PointerMovedError(expectedLiveVersion, found?.version ?? null);
    }
  }
  await ports.serving.put(
    servingItem(servingKeys.modelVersion(version), {
      version,
      status: 'published',
      createdAt: manifest.createdAt,
      publishedAt: at.toISOString(),
      previousVersion: expectedLiveVersion,
      dataset: manifest.dataset,
      metrics,
      lossHistory: lossHistoryOf(manifest.extra),
      parameters: manifest.parameters,
      ...(sources !== undefined && { sources }),
      ...(tuning !== undefined && { tuning }),
      ...(manifest.extra !== undefined && { extra: manifest.extra }),
    }),
  );
  const result: PublishResult = {
    version,
    previousVersion: expectedLiveVersion,
    publishedAt: at.toISOString(),
    retiredItems: 0,
  };
  if (expectedLiveVersion !== null && expectedLiveVersion !== version) {
    const expiresAt =
      Math.floor(at.getTime() / 1000) + (ports.retireAfterSeconds ?? RETIRE_AFTER_SECONDS);
    try {
      result.retiredItems = await retireVersion(expectedLiveVersion, expiresAt, ports);
    } catch (error) {
      result.retireError = (error as Error).message;
    }
  }
  return result;
}

/** The per-epoch losses training recorded in the manifest's `extra` (empty when absent). */
export function lossHistoryOf(extra: unknown): LossHistory {
  const recorded = (extra as { lossHistory?: Record<string, unknown> } | undefined)?.lossHistory;
  const curve = (values: unknown): number[] =>
    Array.isArray(values) ? values.filter((v): v is number => Number.isFinite(v)) : [];
  return { rating: curve(recorded?.rating), ranking: curve(recorded?.ranking) };
}
