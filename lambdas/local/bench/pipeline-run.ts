import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import { seconds } from '../cli/clock.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import type { PipelineProgressEvent } from '../stack/local-pipeline.ts';
import { startLocalStack } from '../stack/local-stack.ts';
import type { LambdaUsage, ResourceUsage, TaskUsage } from '../stack/resource-usage.ts';
import { writeMovieLensCsv } from '../write-movielens.ts';
import { describeMachine, type MachineInfo } from './machine.ts';
import { ML25M_SHAPE, ml25mShapedDataset } from './ml25m-shape.ts';
import { trackPeakMemory } from './peak-memory.ts';
import { zipFolderToFile } from './zip-folder-to-file.ts';

export interface PipelineRunOptions {
  /** Ratings of the synthetic dataset; users, movies and tags scale with ml-25m's shape. */
  ratings: number;
  seed: number;
  /**
   * Epochs of both models in the Fargate training task (TRAIN_EPOCHS), default the models'
   * own: fewer shorten the run on a small machine without changing any array the Lambda steps
   * hold (factors, histories and shards keep their sizes).
   */
  epochs?: number;
  log: (line: string) => void;
}

/** A state of the run as the state machine went through it. */
export interface StateRun {
  state: string;
  seconds: number;
  status: 'succeeded' | 'failed';
}

/** One function's invocations in the run: the longest and the largest beside its limits. */
export interface FunctionRun {
  state: string;
  function: string;
  memoryMb: number;
  timeoutSeconds: number;
  invocations: number;
  maxSeconds: number;
  totalSeconds: number;
  peakHeapBytes: number;
  peakExternalBytes: number;
  peakBytes: number;
}

export interface PipelineRunBench {
  date: string;
  machine: MachineInfo;
  loadAverage: { start: number[]; end: number[] };
  shape: { ratings: number; users: number; items: number; tags: number };
  epochs: number | undefined;
  generateSeconds: number;
  csvBytes: number;
  zipBytes: number;
  /** From the stack's start (emulators, templates) to the model being live. */
  wallSeconds: number;
  status: 'SUCCEEDED' | 'FAILED';
  /** The local stack's error when the run failed. */
  failure?: string;
  states: StateRun[];
  functions: FunctionRun[];
  task: TaskUsage | undefined;
  shards: number;
  /** Serving items the score shards and the catalogue step wrote. */
  shardItems: number;
  catalogueItems: number;
  /** This whole process's peak resident memory: emulators, stack, every worker thread. */
  processPeakRssBytes: number;
}

/**
 * The ml-25m-sized pipeline run (issue 14): a seeded synthetic dataset of ml-25m's shape
 * written as a GroupLens-style zip (ratings, movies, tags, links), the embedded local stack
 * started in a fresh temporary state folder with it as its dataset (uploaded to the data bucket,
 * so ingest reads an s3:// zip as in the cloud), and the state machine run to the end: above the
 * size threshold it trains on the Fargate path. Every Lambda invocation runs in a worker thread
 * under its template's MemorySize and Timeout; this records each state's wall time, each
 * function's longest invocation and memory peaks beside its limits, the task's time and peak
 * RSS, the shards and the items written.
 */
export async function measurePipelineRun(options: PipelineRunOptions): Promise<PipelineRunBench> {
  const { log } = options;
  const loadStart = loadavg();
  const work = await mkdtemp(join(tmpdir(), 'movierec-pipeline-run-'));
  const previousEpochs = process.env.TRAIN_EPOCHS;
  try {
    log(`generating ${options.ratings.toLocaleString('en-US')} ratings (ml-25m's shape)`);
    const generateStart = seconds();
    const reporter = createProgressReporter();
    let shape;
    const folder = join(work, 'csv');
    try {
      const dataset = ml25mShapedDataset({
        ratings: options.ratings,
        seed: options.seed,
        onProgress: reporter.onProgress,
      });
      shape = {
        ratings: ratingCount(dataset),
        users: userCount(dataset),
        items: itemCount(dataset),
        tags: dataset.tags.length,
      };
      await writeMovieLensCsv(dataset, folder);
    } finally {
      reporter.stop();
    }
    const name = options.ratings === ML25M_SHAPE.ratings ? 'synthetic-25m' : 'synthetic';
    const zipPath = join(work, `${name}.zip`);
    await zipFolderToFile(folder, zipPath, name);
    const csvBytes = (await stat(join(folder, 'ratings.csv'))).size;
    await rm(folder, { recursive: true });
    const generateSeconds = seconds() - generateStart;
    const zipBytes = (await stat(zipPath)).size;
    log(`  ${(zipBytes / 2 ** 20).toFixed(0)} MB zip in ${generateSeconds.toFixed(1)} s`);

    if (options.epochs !== undefined) process.env.TRAIN_EPOCHS = String(options.epochs);
    const states: StateRun[] = [];
    const entered = new Map<string, number>();
    const usages: ResourceUsage[] = [];
    const onEvent = (event: PipelineProgressEvent) => {
      if (event.detail?.startsWith('item ') === true) return;
      if (event.status === 'entered') entered.set(event.state, seconds());
      if (event.status === 'succeeded' || event.status === 'failed') {
        const since = entered.get(event.state);
        if (since === undefined) return;
        entered.delete(event.state);
        states.push({ state: event.state, seconds: seconds() - since, status: event.status });
      }
    };
    const memory = trackPeakMemory();
    const started = seconds();
    let failure: string | undefined;
    try {
      const stack = await startLocalStack({
        stateDir: join(work, 'stack'),
        port: 0,
        fresh: true,
        dataset: zipPath,
        siteDir: null,
        log,
        observe: {
          onEvent,
          onUsage: (usage) => {
            usages.push(usage);
            log(`  usage ${JSON.stringify({ ...usage, result: undefined })}`);
          },
        },
      });
      await stack.close();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      log(`the run failed: ${failure}`);
    }
    const wallSeconds = seconds() - started;
    const processPeakRssBytes = memory.peak();
    memory.stop();

    const lambdas = usages.filter((u): u is LambdaUsage => u.kind === 'lambda');
    const resultOf = (state: string) =>
      lambdas.filter((u) => u.state === state).map((u) => u.result as { items?: number } | null);
    const shardResults = resultOf('Score shard');
    return {
      date: new Date().toISOString(),
      machine: describeMachine(),
      loadAverage: { start: loadStart, end: loadavg() },
      shape,
      epochs: options.epochs,
      generateSeconds,
      csvBytes,
      zipBytes,
      wallSeconds,
      status: failure === undefined ? 'SUCCEEDED' : 'FAILED',
      ...(failure !== undefined && { failure }),
      states,
      functions: byFunction(lambdas),
      task: usages.find((u): u is TaskUsage => u.kind === 'task'),
      shards: shardResults.length,
      shardItems: shardResults.reduce((sum, r) => sum + (r?.items ?? 0), 0),
      catalogueItems: resultOf('Write catalogue').reduce((sum, r) => sum + (r?.items ?? 0), 0),
      processPeakRssBytes,
    };
  } finally {
    if (previousEpochs === undefined) delete process.env.TRAIN_EPOCHS;
    else process.env.TRAIN_EPOCHS = previousEpochs;
    await rm(work, { recursive: true, force: true });
  }
}

/** Invocations grouped by state, in the order each state first ran. */
function byFunction(usages: LambdaUsage[]): FunctionRun[] {
  const runs = new Map<string, FunctionRun>();
  for (const usage of usages) {
    const run = runs.get(usage.state) ?? {
      state: usage.state,
      function: usage.function,
      memoryMb: usage.memoryMb,
      timeoutSeconds: usage.timeoutSeconds,
      invocations: 0,
      maxSeconds: 0,
      totalSeconds: 0,
      peakHeapBytes: 0,
      peakExternalBytes: 0,
      peakBytes: 0,
    };
    run.invocations++;
    run.maxSeconds = Math.max(run.maxSeconds, usage.seconds);
    run.totalSeconds += usage.seconds;
    run.peakHeapBytes = Math.max(run.peakHeapBytes, usage.peakHeapBytes);
    run.peakExternalBytes = Math.max(run.peakExternalBytes, usage.peakExternalBytes);
    run.peakBytes = Math.max(run.peakBytes, usage.peakBytes);
    runs.set(usage.state, run);
  }
  return [...runs.values()];
}
