import { z } from 'zod';
import { MAX_TUNING_TRIALS } from '../lambdas/app/pipeline/tuning-trials.ts';

/** Datasets the training pipeline knows how to download from GroupLens by name. */
export const NAMED_DATASETS = ['ml-latest-small', 'ml-25m', 'ml-32m'] as const;

/** The stage whose stateful resources get deletion and termination protection. */
export const PRODUCTION_STAGE = 'prod';

/**
 * CDK context values arrive as strings from `-c key=value` and as JSON values from cdk.json,
 * so booleans and numbers accept both forms.
 */
const booleanish = z.union([z.boolean(), z.stringbool()]);

const appConfigSchema = z
  .strictObject({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and dashes, at most 20')
      .default('dev'),
    dataset: z
      .union([
        z.enum(NAMED_DATASETS),
        z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/, 'an s3://bucket/key uri'),
      ])
      .default('ml-latest-small'),
    scheduleEnabled: booleanish.default(false),
    topN: z.coerce.number().int().min(1).max(100).default(20),
    alarmEmail: z.email().optional(),
    /**
     * User shards scored at once by the pipeline's Distributed Map. Each is a 3008 MB Lambda
     * invocation counted against the account's concurrent executions, which start as low as 10 on
     * a new account and are shared with the API: raise the quota first (docs/deploy.md).
     */
    shardConcurrency: z.coerce.number().int().min(1).max(1000).default(5),
    /**
     * Concurrent executions reserved for (and capping) the API function: its throttle, since no
     * API Gateway stage stands in front of it. Unset by default: Lambda keeps 100 of an account's
     * concurrency unreserved, so a new account (often a quota of 10) can reserve none
     * (docs/deploy.md).
     */
    apiReservedConcurrency: z.coerce.number().int().min(1).max(10_000).optional(),
    /**
     * Tuning trials per model before each training run (the rating and the ranking model, trial 0
     * their defaults): a Map of Lambdas, or sequential inside the Fargate task. 0 skips tuning.
     * Each trial is about one model fit (seconds on ml-latest-small; minutes on ml-25m).
     */
    tuningTrials: z.coerce.number().int().min(0).max(MAX_TUNING_TRIALS).default(8),
    /** Train large datasets on Fargate (public images and an S3 asset: no Docker needed). */
    fargateTraining: booleanish.default(true),
    /**
     * Enrich the catalogue from TMDB (docs/enrichment.md): the pipeline's Enrich state runs with
     * the key kept in a Secrets Manager secret, created by the stack unless tmdbSecretName names
     * an existing one. Without it the state is skipped.
     */
    tmdb: booleanish.default(false),
    /** An existing secret holding the TMDB key (its name); implies tmdb. */
    tmdbSecretName: z
      .string()
      .regex(/^[\w/+=.@-]{1,512}$/, 'a Secrets Manager secret name')
      .optional(),
    /** Optional custom domain of the web app, with its ACM certificate (both or neither). */
    domainName: z
      .string()
      .regex(
        /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'a lower-case DNS name such as movies.example.com',
      )
      .optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
        'an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from there)',
      )
      .optional(),
  })
  .refine((config) => (config.domainName === undefined) === (config.certificateArn === undefined), {
    message: 'domainName and certificateArn go together: give both or neither',
    path: ['certificateArn'],
  });

/** Deployment configuration: the only values that differ between deployments of MovieRec. */
export type AppConfig = z.infer<typeof appConfigSchema>;

/** The context keys read by `bin/app.ts`, e.g. `npx cdk synth -c stage=prod -c topN=50`. */
export const CONFIG_KEYS = Object.keys(appConfigSchema.shape) as (keyof AppConfig)[];

/**
 * Validates raw context values (undefined when not given) and fills the defaults.
 * Throws one error listing every bad key, so a typo never deploys half-configured.
 */
export function parseAppConfig(context: Readonly<Record<string, unknown>>): AppConfig {
  const given = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
  const result = appConfigSchema.safeParse(given);
  if (!result.success) {
    throw new Error(`Invalid CDK context (-c key=value):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Stateful resources of the production stage are protected against deletion. */
export function isProductionStage(config: Pick<AppConfig, 'stage'>): boolean {
  return config.stage === PRODUCTION_STAGE;
}
