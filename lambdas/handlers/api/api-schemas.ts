import * as z from 'zod';

/**
 * The API's schemas: the request schemas (api-request-schemas.ts, re-exported) and the response
 * schemas, which document the answers in /openapi.json and type the web app's client. Nothing
 * validates responses at run time, so the handler imports this module only when it builds the
 * OpenAPI document: constructing these zod schemas is a large share of a cold start otherwise.
 */
import { tmdbDetailsSchema, tmdbReviewsSchema } from '../../core/content/tmdb-record-schemas.ts';
import type { PipelineTuning } from '../../app/pipeline/tuning-record.ts';
import type { RatingSources } from '../../app/profiles/profile-records.ts';

export * from './api-request-schemas.ts';

const movieSummary = z.object({
  movieId: z.number().int(),
  title: z.string(),
  year: z.number().int().nullable(),
  genres: z.array(z.string()),
});
const movieRef = z.object({ movieId: z.number().int(), title: z.string() });
/** A movie as every list of the API answers it (the web app's cards and pickers take this). */
export type MovieSummary = z.output<typeof movieSummary>;

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code, e.g. "validation_failed"'),
    message: z.string().describe('What went wrong, naming the field for validation errors'),
  }),
});

const metrics = z
  .record(z.string(), z.number())
  .describe('Offline evaluation on the held-out ratings: rmse, mae, ndcg10, precision10, …');

export const healthResponse = z.object({
  status: z.literal('ok'),
  model: z
    .object({ version: z.string(), publishedAt: z.string(), metrics })
    .nullable()
    .describe('The live model; null before the first publish'),
});

const count = z.number().int().nonnegative();
const ratingSources = z
  .object({
    dataset: count.describe('Ratings of the configured dataset'),
    profiles: count.describe('Ratings from profiles'),
    profileUsers: count.describe('Profiles that trained, each as one extra user'),
    operatorFiles: count.describe('Ratings from operator files under datasets/incoming/'),
    operatorFileKeys: z.array(z.string()).describe('Those files, by object key'),
    ratingsCollectedAtIngest: count.describe(
      'Profile ratings written (new or changed) before ingest read the profiles',
    ),
    profilesReadAt: z
      .string()
      .optional()
      .describe('When ingest read the profiles (ISO 8601); later rating changes are served live'),
  })
  .describe(
    "Where the version's training ratings came from (dataset + profiles + operatorFiles = all); absent for versions trained before profiles",
  ) satisfies z.ZodType<RatingSources>;

const trialParams = z.record(z.string(), z.number());
const modelTuning = z.object({
  model: z.enum(['rating', 'ranking']),
  metric: z.string().describe('The validation metric the choice was made on: rmse or ndcg@10'),
  trials: z.array(
    z.object({
      trial: z.number().int().describe('0 is the defaults'),
      params: trialParams,
      metrics: trialParams.describe('On the validation ratings'),
      seconds: z.number(),
    }),
  ),
  best: z.object({ trial: z.number().int(), params: trialParams, metrics: trialParams }),
});
const tuning = z
  .object({
    validation: z.literal('user-holdout'),
    trialsPerModel: z.number().int(),
    rating: modelTuning,
    ranking: modelTuning,
  })
  .describe(
    "The tuning that chose the version's parameters (random search on a validation split of its training ratings); absent when the pipeline ran without tuning",
  ) satisfies z.ZodType<PipelineTuning>;

const versionRecord = z.looseObject({
  version: z.string(),
  createdAt: z.string().optional(),
  metrics,
  lossHistory: z
    .object({ rating: z.array(z.number()), ranking: z.array(z.number()) })
    .describe('Training loss after each epoch of the rating and ranking models (may be empty)'),
  sources: ratingSources.optional(),
  tuning: tuning.optional(),
});
export const modelResponse = z.object({
  version: z.string(),
  publishedAt: z.string(),
  metrics,
  details: versionRecord.nullable(),
  versions: z.array(versionRecord),
});

export const searchResponse = z.object({
  query: z.string().nullable(),
  movies: z.array(movieSummary.extend({ ratingCount: z.number().int() })),
});

export const movieResponse = movieSummary.extend({
  imdbId: z.string().nullable(),
  tmdbId: z.number().int().nullable(),
  ratingCount: z.number().int(),
  ratingMean: z.number().nullable(),
  bayesianAverage: z.number(),
  histogram: z.array(z.number().int()).describe('Ratings per step of the scale, lowest first'),
  topTags: z.array(z.string()),
  details: tmdbDetailsSchema
    .nullable()
    .describe("TMDB's record of the movie; null when the pipeline ran without a TMDB key"),
  reviews: tmdbReviewsSchema
    .nullable()
    .describe("TMDB's user reviews with a lexicon sentiment; null without a TMDB key"),
});

export const similarResponse = z.object({
  movieId: z.number().int(),
  version: z.string(),
  alpha: z.number().nullable(),
  movies: z.array(movieSummary.extend({ score: z.number() })),
});

export const popularResponse = z.object({
  genre: z.string().nullable(),
  version: z.string(),
  movies: z.array(
    movieSummary.extend({ score: z.number(), count: z.number().int(), mean: z.number() }),
  ),
});

export const userRecommendationsResponse = z.object({
  userId: z.number().int(),
  version: z.string(),
  coldStart: z.boolean().describe('True: unknown user, the list is the popular one'),
  movies: z.array(movieSummary.extend({ score: z.number(), because: z.array(movieRef) })),
});

export const anonymousResponse = z.object({
  version: z.string(),
  coldStart: z.literal(false),
  alpha: z.number(),
  basedOn: z.array(movieSummary).describe('The movies the ratings were resolved to'),
  movies: z.array(movieSummary.extend({ score: z.number(), because: z.array(movieRef) })),
});

const profileRating = z.object({
  movieId: z.number().int(),
  title: z.string(),
  rating: z.number(),
  ratedAt: z.string().describe('ISO 8601, UTC'),
});

export const profileCreatedResponse = z.object({
  profileId: z.string(),
  token: z
    .string()
    .describe('Secret bearer token of the profile: shown only in this answer, never stored'),
});

export const profileResponse = z.object({
  profileId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ratingCount: z.number().int(),
  maxRatings: z.number().int().describe('Ratings one profile may hold'),
});

export const profileRatingResponse = profileRating;

export const profileRatingsResponse = z.object({
  profileId: z.string(),
  ratings: z.array(profileRating).describe('Newest first'),
});

export const profileRecommendationsResponse = z.object({
  profileId: z.string(),
  version: z.string(),
  coldStart: z.boolean().describe('True: the profile has no ratings, the list is the popular one'),
  source: z
    .enum(['live', 'precomputed', 'popular'])
    .describe(
      'live: folded in from the stored ratings now; precomputed: the list the pipeline wrote for this profile in the live version (no rating has changed since it trained)',
    ),
  alpha: z.number().describe('The blend asked for: 1 (the default) collaborative only'),
  movies: z.array(movieSummary.extend({ score: z.number(), because: z.array(movieRef) })),
});

export const predictionResponse = z.object({
  userId: z.number().int(),
  movieId: z.number().int(),
  version: z.string(),
  prediction: z.number().describe('μ + b_u + b_i + p_u·q_i, clipped to the scale'),
  parts: z.object({
    globalMean: z.number(),
    userBias: z.number(),
    itemBias: z.number(),
    dot: z.number(),
  }),
  scale: z.object({ min: z.number(), max: z.number() }),
  coldStart: z.boolean().describe('True: unknown user, the prediction is μ + b_i'),
});

const countMean = { count: z.number().int(), mean: z.number() };
const rankedMovie = z.object({
  movieId: z.number().int(),
  title: z.string(),
  ...countMean,
  score: z.number().describe('Bayesian average rating'),
});

export const dashboardResponse = z.object({
  version: z.string().describe('The model version whose dataset these figures describe'),
  collectedSinceTraining: z
    .number()
    .int()
    .min(0)
    .describe(
      'Profile ratings written (new or changed) since the live version read the profiles for training',
    ),
  dataset: z.object({
    name: z.string(),
    ratings: z.number().int(),
    users: z.number().int(),
    movies: z.number().int(),
    tags: z.number().int(),
  }),
  ratingHistogram: z.array(z.object({ rating: z.number(), count: z.number().int() })),
  ratingsPerYear: z.array(z.object({ year: z.number().int(), ...countMean })),
  genres: z.array(
    z.object({
      genre: z.string(),
      movies: z.number().int(),
      ratings: z.number().int(),
      mean: z.number().nullable(),
    }),
  ),
  genreYears: z
    .array(z.object({ genre: z.string(), year: z.number().int(), ...countMean }))
    .describe('Ratings given per genre per year (UTC)'),
  activityHeatmap: z
    .array(
      z.object({
        day: z.number().int().min(0).max(6),
        hour: z.number().int().min(0).max(23),
        count: z.number().int(),
      }),
    )
    .describe('Ratings per weekday (0 = Sunday) and hour, UTC: all 168 cells'),
  userActivity: z
    .array(z.object({ from: z.number().int(), to: z.number().int(), users: z.number().int() }))
    .describe('Users by number of ratings, in power-of-two buckets [from, to)'),
  moviesPerDecade: z.array(z.object({ decade: z.number().int(), movies: z.number().int() })),
  topMovies: z.array(rankedMovie).describe('Best by Bayesian average'),
  topByCount: z.array(rankedMovie).describe('Most rated'),
  topTags: z
    .array(
      z.object({
        tag: z.string(),
        count: z.number().int(),
        movies: z.array(
          z.object({ movieId: z.number().int(), title: z.string(), count: z.number().int() }),
        ),
      }),
    )
    .describe('Most used tags, each with the movies it was applied to most'),
});
