/**
 * The Fargate training task: the train step for datasets too large for Lambda's 15 minutes /
 * 10 GB. Same use-case as the Lambda (trainVersion); input from the environment, set per run by
 * the state machine's container overrides, or from arguments when run by hand:
 *   node train-task.mjs --processed-prefix datasets/processed/ml-25m/<fp>/ --version <version>
 *     [--tuning-trials <n>]
 * TRAIN_EPOCHS (or --epochs), unset in the deployed task, trains both models for that many
 * epochs instead of their defaults: the ml-25m-sized bench run uses it on a small machine.
 * Progress and the result are JSON log lines; a failure exits non-zero, which fails the
 * RunTask .sync state.
 */
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { trainInputSchema, trainVersion } from '../app/pipeline/train-version.ts';
import { MAX_TUNING_TRIALS } from '../app/pipeline/tuning-trials.ts';
import { everyTenth } from '../core/progress.ts';
import { s3Client } from '../aws/aws-clients.ts';
import { parsePipelineConfig } from '../aws/pipeline-config.ts';
import { S3ObjectStore } from '../aws/s3-object-store.ts';
import { trainingThreads } from '../aws/training-threads.ts';
import { ialsOnWorkers } from '../threads/parallel-ials.ts';
import { ratingModelOnWorker } from '../threads/rating-model-on-worker.ts';

const log = (message: string, fields: Record<string, unknown> = {}): void =>
  console.log(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'processed-prefix': { type: 'string' },
      version: { type: 'string' },
      'tuning-trials': { type: 'string' },
      epochs: { type: 'string' },
    },
  });
  const epochs = values.epochs ?? process.env.TRAIN_EPOCHS;
  const config = parsePipelineConfig(process.env);
  const input = trainInputSchema.parse({
    processedPrefix: values['processed-prefix'] ?? process.env.PROCESSED_PREFIX,
    version: values.version ?? process.env.MODEL_VERSION,
    ...(epochs !== undefined && { epochs: Number(epochs) }),
  });
  const tuneTrials = tuningTrials(values['tuning-trials'] ?? process.env.TUNING_TRIALS);
  log('training', { ...input, tuneTrials, bucket: config.bucketName });
  const result = await trainVersion(input, {
    store: new S3ObjectStore(s3Client(), config.bucketName),
    now: () => new Date(),
    seconds: () => performance.now() / 1000,
    ials: ialsOnWorkers(trainingThreads(config.lambdaMemoryMb)),
    ratingTrainer: ratingModelOnWorker(trainingThreads(config.lambdaMemoryMb)),
    tuneTrials,
    onProgress: everyTenth(({ step, done, total, detail }) =>
      log('progress', { step, done, total, ...detail }),
    ),
  });
  log('trained', { ...result });
}

/** Trials per model to tune first: absent or 0 trains with the defaults. */
function tuningTrials(value: string | undefined): number {
  const trials = Number(value ?? 0);
  if (!Number.isInteger(trials) || trials < 0 || trials > MAX_TUNING_TRIALS) {
    throw new Error(
      `TUNING_TRIALS must be an integer from 0 to ${MAX_TUNING_TRIALS}, got "${value}"`,
    );
  }
  return trials;
}

// The training threads run this bundle too (see worker-pool.ts): only the main thread trains.
if (isMainThread) {
  main().catch((error: unknown) => {
    log('failed', { error: error instanceof Error ? error.stack : String(error) });
    process.exitCode = 1;
  });
}
