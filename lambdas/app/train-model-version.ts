import type { Dataset, Ratings } from '../core/dataset/dataset.ts';
import { itemCount, ratingCount, userCount } from '../core/dataset/dataset.ts';
import { selectRatings } from '../core/dataset/sparse-matrix.ts';
import { stratifiedSplit, type Split } from '../core/evaluation/stratified-split.ts';
import { datasetFingerprint } from '../core/model-codec/fingerprint.ts';
import { encodeModelVersion } from '../core/model-codec/model-version.ts';
import type { RatingModelOptions } from '../core/models/rating-model.ts';
import type { Popularity } from '../core/models/popularity.ts';
import { computePopularity, popularityToArtifact } from '../core/models/popularity.ts';
import type { RankingParams } from '../core/models/ranking-model.ts';
import { buildContentFeatures } from '../core/models/content-features.ts';
import { contentNeighbours } from '../core/models/content-neighbours.ts';
import { withGenome } from '../core/models/genome-vectors.ts';
import type { TmdbContent } from '../core/models/tmdb-vectors.ts';
import { withTmdb } from '../core/models/tmdb-vectors.ts';
import type { SimilarityParams } from '../core/models/similar-items.ts';
import {
  allSimilarItems,
  createSimilarityIndex,
  similarItemsToArtifact,
} from '../core/models/similar-items.ts';
import type { OnProgress } from '../core/progress.ts';
import { labelled } from '../core/progress.ts';
import { createRng } from '../core/random.ts';
import type { IalsTrainer } from './fit-ranking-model.ts';
import { fitRankingModel, inThreadIals } from './fit-ranking-model.ts';
import type { HoldoutMetrics } from './holdout-metrics.ts';
import type { RatingTrainer } from './rating-trainer.ts';
import { inThreadRatingModel } from './rating-trainer.ts';
import type { PipelineTuning } from './pipeline/tuning-record.ts';
import type { RatingSources } from './profiles/profile-records.ts';
import { holdoutMetrics } from './holdout-metrics.ts';
import { catalogueFromDataset, catalogueToArtifact } from './movie-catalogue.ts';
import { userHistoryFromDataset, userHistoryToArtifact } from './user-history.ts';

/**
 * Top-N quality is measured on at most this many users (a seeded sample): scoring every user of
 * a large dataset on one thread would cost more than training; 10k users keep the error of the
 * mean well under 0.01.
 */
export const HOLDOUT_MAX_USERS = 10_000;

export interface TrainModelVersionOptions {
  version: string;
  /** ISO timestamp or Date recorded in the manifest. */
  createdAt: string | Date;
  seed: number;
  /** Clock in seconds, for the phase timings. */
  now: () => number;
  /** Share of each user's ratings held out to measure the version (default 0.1). */
  holdout?: number;
  /**
   * Retrain on every rating after measuring on the holdout (default true): the published
   * version then knows every user and rating, and its metrics describe the same recipe.
   */
  refit?: boolean;
  rating?: RatingModelOptions;
  ranking?: Partial<RankingParams>;
  similarity?: Partial<SimilarityParams>;
  /** Neighbours kept per movie (default 20). */
  similarLimit?: number;
  onProgress?: OnProgress;
  /** How iALS is trained (default on the calling thread): the edges pass their worker threads. */
  ials?: IalsTrainer;
  /**
   * How the rating model is trained (default on the calling thread, before the ranking model):
   * the edges pass a worker thread, so that it trains while the ranking model fits.
   */
  ratingTrainer?: RatingTrainer;
  /** Where the dataset's ratings came from, recorded in the manifest's `extra.sources`. */
  sources?: RatingSources;
  /** TMDB's content per dense item (undefined where TMDB has none), for similar items. */
  tmdb?: ReadonlyArray<TmdbContent | undefined>;
  /** The tuning that chose `rating` and `ranking`, recorded in the manifest's `extra.tuning`. */
  tuning?: PipelineTuning;
}

export interface TrainedModelVersion {
  version: string;
  /** File name → bytes, as the codec wrote them (manifest.json included). */
  files: Map<string, Uint8Array>;
  metrics: HoldoutMetrics;
  /** The version's popularity statistics (also in its files), for aggregates over the dataset. */
  popularity: Popularity;
  /** Seconds per phase. */
  timings: Record<string, number>;
}

/**
 * The training use-case: one model version composed of the rating model (predict), the ranking
 * model (top-N and fold-in), similar items, popularity (cold start), the movie catalogue and the
 * users' rating histories, measured on a per-user holdout and encoded by the model codec.
 */
export async function trainModelVersion(
  dataset: Dataset,
  options: TrainModelVersionOptions,
): Promise<TrainedModelVersion> {
  const { now, onProgress } = options;
  const shape = { users: userCount(dataset), items: itemCount(dataset) };
  const rng = createRng(options.seed);
  const timings: Record<string, number> = {};
  const timed = <T>(phase: string, run: () => T): T => {
    const start = now();
    const result = run();
    timings[phase] = (timings[phase] ?? 0) + now() - start;
    return result;
  };
  // The rating model trains through its port (on a worker, beside the ranking fit) while the
  // ranking model fits here. rating_fit_s is what the rating model costs this thread: all of
  // its fit in-thread; on a worker, its start and any wait for it after the ranking fit.
  const fit = async (train: typeof dataset.ratings, pass: string) => {
    const start = now();
    const training = (options.ratingTrainer ?? inThreadRatingModel)(
      train,
      shape,
      dataset.scale,
      options.rating,
      {
        seed: rng.int(2 ** 31),
        ...(onProgress && { onProgress: labelled(onProgress, `rating model, ${pass}:`) }),
      },
    );
    const rankingStart = now();
    let rankingEnd = rankingStart;
    const fitting = fitRankingModel(train, shape, options.ranking ?? {}, {
      seed: rng.int(2 ** 31),
      ials: options.ials ?? inThreadIals,
      ...(onProgress && { onProgress: labelled(onProgress, `ranking model, ${pass}:`) }),
    }).then((model) => {
      rankingEnd = now();
      return model;
    });
    const [rating, ranking] = await Promise.all([training, fitting]);
    timings.rating_fit_s = (timings.rating_fit_s ?? 0) + rankingStart - start + now() - rankingEnd;
    timings.ranking_fit_s = (timings.ranking_fit_s ?? 0) + rankingEnd - rankingStart;
    return { rating, ranking };
  };

  // The seed's first draw: versionTrainingRatings finds the same split from the seed alone.
  const split = holdoutSplit(dataset, options.holdout ?? 0.1, rng.int(2 ** 31));
  const train = selectRatings(dataset.ratings, split.train);
  const test = selectRatings(dataset.ratings, split.test);
  let models = await fit(train, 'holdout fit');
  const sample = sampleUsers(shape.users, HOLDOUT_MAX_USERS, rng.int(2 ** 31));
  const metrics = timed('holdout_s', () => holdoutMetrics(models, train, test, shape, sample));
  if (options.refit ?? true) models = await fit(dataset.ratings, 'final fit');

  const popularity = timed('popularity_s', () =>
    computePopularity({ ratings: dataset.ratings, movies: dataset.movies, scale: dataset.scale }),
  );
  // Similar items from the ranking model's factors, else the rating model's (EASE has none).
  const factors = models.ranking.itemFactors ?? {
    data: models.rating.itemFactors,
    k: models.rating.factors,
  };
  const content = withTmdb(
    withGenome(buildContentFeatures(dataset.movies, dataset.tags), dataset.genome),
    options.tmdb ?? dataset.movies.map(() => undefined),
  );
  const similarIndex = createSimilarityIndex(
    {
      itemFactors: factors.data,
      k: factors.k,
      content,
      itemCounts: popularity.stats.counts,
    },
    options.similarity,
  );
  const similar = timed('similar_s', () =>
    allSimilarItems(similarIndex, options.similarLimit ?? 20, {
      ...(onProgress && { onProgress }),
    }),
  );
  // The live content side of a non-default alpha reads these: the features are not in a version.
  const neighbours = timed('content_neighbours_s', () =>
    contentNeighbours(content, similarIndex.params, {
      ...(onProgress && { onProgress: labelled(onProgress, 'content neighbours:') }),
    }),
  );

  const files = timed('encode_s', () =>
    encodeModelVersion({
      version: options.version,
      createdAt: options.createdAt,
      dataset: {
        name: dataset.name,
        fingerprint: datasetFingerprint(dataset),
        ratings: ratingCount(dataset),
        users: shape.users,
        items: shape.items,
      },
      artifacts: {
        rating: models.rating.toArtifact(),
        ranking: models.ranking.toArtifact(),
        similar: similarItemsToArtifact(similar, similarIndex.params),
        content: similarItemsToArtifact(neighbours, { ...similarIndex.params, blend: 0 }),
        popularity: popularityToArtifact(popularity),
        catalogue: catalogueToArtifact(catalogueFromDataset(dataset)),
        users: userHistoryToArtifact(userHistoryFromDataset(dataset)),
      },
      parameters: {
        seed: options.seed,
        holdout: options.holdout ?? 0.1,
        refit: options.refit ?? true,
        rating: { ...models.rating.recipe },
        ranking: { kind: models.ranking.kind, ...models.ranking.params },
      },
      metrics: { ...metrics },
      extra: {
        lossHistory: { rating: models.rating.lossHistory, ranking: models.ranking.lossHistory },
        ...(options.sources !== undefined && { sources: options.sources }),
        ...(options.tuning !== undefined && { tuning: options.tuning }),
      },
    }),
  );
  return { version: options.version, files, metrics, popularity, timings };
}

/** The per-user holdout a version is measured on: `holdout` of each user's ratings to test. */
function holdoutSplit(dataset: Dataset, holdout: number, seed: number): Split {
  return stratifiedSplit(dataset.ratings, userCount(dataset), {
    by: 'user',
    ratio: 1 - holdout,
    seed,
  });
}

/**
 * The ratings trainModelVersion with this seed and holdout measures its version after training
 * on (the holdout fit): what tuning may validate on without touching the version's holdout.
 */
export function versionTrainingRatings(
  dataset: Dataset,
  options: { seed: number; holdout?: number },
): Ratings {
  const split = holdoutSplit(dataset, options.holdout ?? 0.1, createRng(options.seed).int(2 ** 31));
  return selectRatings(dataset.ratings, split.train);
}

/** `count` distinct users out of `users`, ascending, seeded (every user when there are fewer). */
function sampleUsers(users: number, count: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: users }, (_, u) => u);
  if (users <= count) return all;
  createRng(seed).shuffle(all);
  return all.subarray(0, count).sort();
}
