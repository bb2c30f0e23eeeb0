import * as z from 'zod';
import type { OnProgress } from '../../core/progress.ts';
import type { IalsTrainer } from '../fit-ranking-model.ts';
import type { HoldoutMetrics } from '../holdout-metrics.ts';
import { trainModelVersion } from '../train-model-version.ts';
import { MODEL_VERSION_PATTERN, modelObjectKeys } from '../serving/serving-artifacts.ts';
import { dashboardAggregates } from './dashboard-aggregates.ts';
import { writeModelVersionFiles } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';
import { readProcessedDataset } from './processed-dataset.ts';
import { readTrainingOrigin, writeProfileUsers } from './training-origin.ts';

export const trainInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  version: z.string().regex(MODEL_VERSION_PATTERN, 'letters, digits, ".", "_", "-"; at most 64'),
  /** Default 42: the same data and seed give the same version. */
  seed: z.number().int().optional(),
  /** Epochs of the rating model and of iALS; default each model's own. */
  epochs: z.number().int().min(1).max(1000).optional(),
});

export type TrainVersionInput = z.infer<typeof trainInputSchema>;

export interface TrainVersionResult {
  version: string;
  modelPrefix: string;
  metrics: HoldoutMetrics;
  /** Seconds per phase, load and upload included. */
  timings: Record<string, number>;
}

/**
 * The train step, the same in the Lambda and in the Fargate task: read the processed dataset,
 * train and measure a model version (trainModelVersion) and write it under models/<version>/,
 * with the dataset's rating sources in its manifest, its profile users and the web app's
 * dashboard aggregates beside it. The aggregates are computed here, the one step that holds
 * every rating anyway, so that the catalogue step need not load them.
 */
export async function trainVersion(
  input: TrainVersionInput,
  ports: {
    store: ObjectStore;
    now: () => Date;
    seconds: () => number;
    onProgress?: OnProgress;
    /** iALS on the edge's worker threads (default the calling thread). */
    ials?: IalsTrainer;
  },
): Promise<TrainVersionResult> {
  const start = ports.seconds();
  const dataset = await readProcessedDataset(ports.store, input.processedPrefix);
  const origin = await readTrainingOrigin(ports.store, input.processedPrefix);
  const loaded = ports.seconds();
  const trained = await trainModelVersion(dataset, {
    version: input.version,
    createdAt: ports.now(),
    seed: input.seed ?? 42,
    now: ports.seconds,
    sources: origin.sources,
    ...(input.epochs !== undefined && {
      rating: { epochs: input.epochs },
      ranking: { ials: { epochs: input.epochs } },
    }),
    ...(ports.onProgress && { onProgress: ports.onProgress }),
    ...(ports.ials && { ials: ports.ials }),
  });
  const uploadStart = ports.seconds();
  // Before the files: the manifest, written last, marks the version complete.
  await writeProfileUsers(ports.store, input.version, origin.profileUsers);
  await putJson(
    ports.store,
    pipelineObjectKeys.dashboard(input.version),
    dashboardAggregates(dataset, trained.popularity),
  );
  await writeModelVersionFiles(ports.store, input.version, trained.files);
  return {
    version: input.version,
    modelPrefix: modelObjectKeys.folder(input.version),
    metrics: trained.metrics,
    timings: {
      load_s: loaded - start,
      ...trained.timings,
      upload_s: ports.seconds() - uploadStart,
    },
  };
}
