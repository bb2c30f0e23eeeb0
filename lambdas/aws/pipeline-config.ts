import * as z from 'zod';

/**
 * Configuration of the pipeline's Lambda functions and the Fargate training task, read from the
 * environment once and validated. TABLE_NAME and BUCKET_NAME are set by MovieRecFunction.bind*
 * (and by the task definition for Fargate); the rest by the pipeline stack from the app config.
 */
const pipelineConfigSchema = z.object({
  BUCKET_NAME: z.string().min(1),
  /** Not needed by ingest and train, which touch S3 only. */
  TABLE_NAME: z.string().min(1).optional(),
  TOP_N: z.coerce.number().int().min(1).max(100).default(20),
  SHARD_SIZE: z.coerce.number().int().min(1).default(2000),
  /** Relative regression the quality gate tolerates. */
  QUALITY_TOLERANCE: z.coerce.number().min(0).max(1).default(0.02),
  /** Set by the Lambda runtime (absent on Fargate): sizes the training threads. */
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: z.coerce.number().int().min(128).max(10_240).optional(),
});

export interface PipelineConfig {
  bucketName: string;
  tableName: string | undefined;
  topN: number;
  shardSize: number;
  qualityTolerance: number;
  /** The Lambda function's memory in MB; undefined outside Lambda. */
  lambdaMemoryMb: number | undefined;
}

export function parsePipelineConfig(
  env: Readonly<Record<string, string | undefined>>,
): PipelineConfig {
  const result = pipelineConfigSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid pipeline configuration:\n${z.prettifyError(result.error)}`);
  }
  const value = result.data;
  return {
    bucketName: value.BUCKET_NAME,
    tableName: value.TABLE_NAME,
    topN: value.TOP_N,
    shardSize: value.SHARD_SIZE,
    qualityTolerance: value.QUALITY_TOLERANCE,
    lambdaMemoryMb: value.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  };
}

let cached: PipelineConfig | undefined;

export function pipelineConfig(): PipelineConfig {
  cached ??= parsePipelineConfig(process.env);
  return cached;
}

/** The table name, for the steps that write the serving table. */
export function requireTable(config: PipelineConfig): string {
  if (config.tableName === undefined) throw new Error('TABLE_NAME is not set for this function');
  return config.tableName;
}
