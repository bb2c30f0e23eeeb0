import * as z from 'zod';
import type { OnProgress } from '../../core/progress.ts';
import type { RankingParams } from '../../core/models/ranking-model.ts';
import type { RatingModelOptions } from '../../core/models/rating-model.ts';
import { DEFAULT_RATING_PARAMS, mergeRatingOptions } from '../../core/models/rating-model.ts';
import { SEARCH_SPACES } from '../../core/tuning/search-space.ts';
import type { IalsTrainer } from '../fit-ranking-model.ts';
import type { RatingTrainer } from '../rating-trainer.ts';
import type { HoldoutMetrics } from '../holdout-metrics.ts';
import { trainModelVersion } from '../train-model-version.ts';
import { MODEL_VERSION_PATTERN, modelObjectKeys } from '../serving/serving-artifacts.ts';
import { dashboardAggregates } from './dashboard-aggregates.ts';
import { writeModelVersionFiles } from './model-version-files.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';
import { readProcessedDataset } from './processed-dataset.ts';
import { readTmdbSnapshot } from './tmdb-snapshot.ts';
import { readTrainingOrigin, writeProfileUsers } from './training-origin.ts';
import { readTuning } from './tuning-record.ts';
import { PIPELINE_SEED, tuneDataset } from './tuning-trials.ts';

export const trainInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  version: z.string().regex(MODEL_VERSION_PATTERN, 'letters, digits, ".", "_", "-"; at most 64'),
  /** Default 42: the same data and seed give the same version. */
  seed: z.number().int().optional(),
  /** The Tune state's result (pick-tuning.ts): train with its chosen parameters. */
  tuningKey: z
    .string()
    .regex(/^datasets\/processed\/.*tuning\.json$/, 'a tuning.json under datasets/processed/')
    .optional(),
  /**
   * Passes over the ratings of the rating model (SGD epochs and Gibbs sweeps, 30% of them burn-in)
   * and of iALS (epochs); default each model's own.
   */
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
 * train and measure a model version (trainModelVersion) with the tuned parameters when there is
 * a tuning (read from the Tune state's result, or run here on Fargate), and write it under
 * models/<version>/, with the dataset's rating sources and the tuning in its manifest, its
 * profile users and the web app's dashboard aggregates beside it. The aggregates are computed
 * here, the one step that holds every rating anyway, so that the catalogue step need not load
 * them. When the run's enrichment step left a TMDB snapshot for the version, its keywords, cast,
 * directors and languages join the content of the similar-items lists.
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
    /** The rating model on its own thread, beside the ranking fit (default the calling thread). */
    ratingTrainer?: RatingTrainer;
    /**
     * Without `input.tuningKey`: tune here first with this many trials per model (the Fargate
     * task, whose datasets are too large for the Tune state's Map). 0 or absent: no tuning.
     */
    tuneTrials?: number;
  },
): Promise<TrainVersionResult> {
  const start = ports.seconds();
  const seed = input.seed ?? PIPELINE_SEED;
  const dataset = await readProcessedDataset(ports.store, input.processedPrefix);
  const origin = await readTrainingOrigin(ports.store, input.processedPrefix);
  const tmdb = await readTmdbSnapshot(ports.store, input.version);
  const loaded = ports.seconds();
  const tuning =
    input.tuningKey !== undefined
      ? await readTuning(ports.store, input.tuningKey)
      : (ports.tuneTrials ?? 0) > 0
        ? tuneDataset(dataset, {
            trialsPerModel: ports.tuneTrials!,
            seed,
            now: ports.seconds,
            ...(ports.onProgress && { onProgress: ports.onProgress }),
          })
        : undefined;
  const tuned = ports.seconds();
  const trained = await trainModelVersion(dataset, {
    version: input.version,
    createdAt: ports.now(),
    seed,
    ...(tuning !== undefined && { tuning }),
    ...((tuning !== undefined || input.epochs !== undefined) && {
      rating: withRatingEpochs(
        tuning && SEARCH_SPACES.rating.toModelParams(tuning.rating.best.params),
        input.epochs,
      ),
      ranking: withIalsEpochs(
        tuning && SEARCH_SPACES.ranking.toModelParams(tuning.ranking.best.params),
        input.epochs,
      ),
    }),
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
    ...(ports.ratingTrainer && { ratingTrainer: ports.ratingTrainer }),
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
      ...(tuning !== undefined && { tuning_s: tuned - loaded }),
      ...trained.timings,
      upload_s: ports.seconds() - uploadStart,
    },
  };
}

/**
 * The rating parameters with the SGD part's epochs and the Bayesian part's sweeps overridden (the
 * bench's `epochs`), keeping the default share of burn-in sweeps, when given.
 */
function withRatingEpochs(
  rating: RatingModelOptions | undefined,
  epochs: number | undefined,
): RatingModelOptions {
  if (epochs === undefined) return { ...rating };
  const { sweeps, burnIn } = DEFAULT_RATING_PARAMS.bayesian;
  return mergeRatingOptions(rating, {
    sgd: { epochs },
    bayesian: { sweeps: epochs, burnIn: Math.floor((epochs * burnIn) / sweeps) },
  });
}

/** The ranking parameters with iALS's epochs overridden (the bench's `epochs`), when given. */
function withIalsEpochs(
  ranking: Partial<RankingParams> | undefined,
  epochs: number | undefined,
): Partial<RankingParams> {
  if (epochs === undefined) return { ...ranking };
  return { ...ranking, ials: { ...ranking?.ials, epochs } };
}
