import * as z from 'zod';
import type { OnProgress } from '../../core/progress.ts';
import type { IalsTrainer } from '../fit-ranking-model.ts';
import type { HoldoutMetrics } from '../holdout-metrics.ts';
import { trainModelVersion } from '../train-model-version.ts';
import { MODEL_VERSION_PATTERN, modelObjectKeys } from '../serving/serving-artifacts.ts';
import { writeModelVersionFiles } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import { readProcessedDataset } from './processed-dataset.ts';
import { readTmdbSnapshot } from './tmdb-snapshot.ts';
import { readTrainingOrigin, writeProfileUsers } from './training-origin.ts';

export const trainInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  version: z.string().regex(MODEL_VERSION_PATTERN, 'letters, digits, ".", "_", "-"; at most 64'),
  /** Default 42: the same data and seed give the same version. */
  seed: z.number().int().optional(),
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
 * with the dataset's rating sources in its manifest and its profile users beside it. When the
 * run's enrichment step left a TMDB snapshot for the version, its keywords, cast, directors and
 * languages join the content of the similar-items lists.
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
  const tmdb = await readTmdbSnapshot(ports.store, input.version);
  const loaded = ports.seconds();
  const trained = await trainModelVersion(dataset, {
    version: input.version,
    createdAt: ports.now(),
    seed: input.seed ?? 42,
    now: ports.seconds,
    sources: origin.sources,
    ...(tmdb !== undefined && {
      tmdb: dataset.movies.map((movie) => {
        const details = tmdb.get(movie.id)?.details;
        return (
          details && {
            keywords: details.keywords,
            cast: details.cast,
            directors: details.directors,
            originalLanguage: details.originalLanguage,
          }
        );
      }),
    }),
    ...(ports.onProgress && { onProgress: ports.onProgress }),
    ...(ports.ials && { ials: ports.ials }),
  });
  const uploadStart = ports.seconds();
  // Before the files: the manifest, written last, marks the version complete.
  await writeProfileUsers(ports.store, input.version, origin.profileUsers);
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
