import type { ModelPointer } from '../serving/serving-records.ts';
import { servingKeys } from '../serving/serving-keys.ts';
import { readManifest } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import type { GateDecision } from './quality-gate.ts';
import { qualityGate } from './quality-gate.ts';
import type { ServingWriter } from './serving-writer.ts';

export interface EvaluationResult extends GateDecision {
  version: string;
  metrics: Record<string, number>;
  /** The live version seen now; publish flips the pointer only if it still names this one. */
  liveVersion: string | null;
  liveMetrics: Record<string, number> | null;
}

/**
 * The evaluate step: the new version's holdout metrics (measured by training, kept in its
 * manifest) against those of the live model, and the quality gate's decision.
 */
export async function evaluateVersion(
  input: { version: string; force?: boolean; tolerance?: number },
  ports: { store: ObjectStore; serving: ServingWriter },
): Promise<EvaluationResult> {
  const manifest = await readManifest(ports.store, input.version);
  const metrics = numbers(manifest.metrics);
  const pointer = (await ports.serving.get(servingKeys.currentModel())) as
    (ModelPointer & Record<string, unknown>) | undefined;
  let live: { version: string; metrics: Record<string, number>; dataset: string | null } | null =
    null;
  if (pointer !== undefined) {
    const entry = await ports.serving.get(servingKeys.modelVersion(pointer.version));
    const dataset = (entry?.dataset as { name?: unknown } | undefined)?.name;
    live = {
      version: pointer.version,
      metrics: numbers(pointer.metrics),
      dataset: typeof dataset === 'string' ? dataset : null,
    };
  }
  const decision = qualityGate(
    { version: input.version, metrics, dataset: manifest.dataset.name },
    live,
    {
      ...(input.tolerance !== undefined && { tolerance: input.tolerance }),
      ...(input.force !== undefined && { force: input.force }),
    },
  );
  return {
    ...decision,
    version: input.version,
    metrics,
    liveVersion: live?.version ?? null,
    liveMetrics: live?.metrics ?? null,
  };
}

function numbers(record: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}
