import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../cli/evaluate-command.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { measureApiBudgets } from './api-budgets.ts';
import { apiBudgetsSection, mergeApiBudgetsSection } from './api-budgets-markdown.ts';
import { benchmarksMarkdown, type BenchResults } from './benchmarks-markdown.ts';
import { measureFoldIn } from './fold-in-latency.ts';
import { measureKernels } from './kernel-bench.ts';
import { kernelBenchSection, mergeKernelBenchSection } from './kernel-bench-markdown.ts';
import { measureLoad } from './load-bench.ts';
import { loadBenchSection, mergeLoadBenchSection } from './load-bench-markdown.ts';
import { describeMachine } from './machine.ts';
import { measureRanking } from './ranking-bench.ts';
import { mergeRankingSection, rankingSection } from './ranking-bench-markdown.ts';
import type { RatingBench } from './rating-bench-markdown.ts';
import { mergeRatingSection, ratingSection } from './rating-bench-markdown.ts';
import { ML25M_SHAPE } from './ml25m-shape.ts';
import { measurePipelineRun } from './pipeline-run.ts';
import { mergePipelineRunSection, pipelineRunSection } from './pipeline-run-markdown.ts';
import { measureProfileLoad } from './profile-bench.ts';
import { mergeProfileBenchSection, profileBenchSection } from './profile-bench-markdown.ts';
import { mergeScaleBenchSection, scaleBenchSection } from './scale-bench-markdown.ts';
import { FULL_SCALE, runScale, type ScaleResult } from './scale-run.ts';
import { measureTraining } from './training-bench.ts';
import { mergeTrainingBenchSection, trainingBenchSection } from './training-bench-markdown.ts';
import { measureWebBudgets } from './web-budgets.ts';
import { mergeWebBudgetsSection, webBudgetsSection } from './web-budgets-markdown.ts';

/** BENCHMARKS.md at the repository root. */
export const BENCHMARKS_FILE = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));

export interface BenchOptions {
  data: string;
  seed: number;
  /** Smaller scale run and fewer fold-in runs: a smoke test of the whole bench. */
  quick: boolean;
  scaleRatings?: number;
  /** Epochs of the training task in the pipeline-25m run (default the models' own). */
  pipelineEpochs?: number;
  out: string;
  command: string;
  /**
   * Only the rating run, the ranking runs, the API budgets, the HTTP load, the profile routes' load, the web
   * budgets, the kernels, the scale run, training on every core or the ml-25m-sized pipeline
   * run, replacing their section of `out`.
   */
  only?:
    | 'rating'
    | 'ranking'
    | 'api'
    | 'load'
    | 'profiles'
    | 'web'
    | 'kernels'
    | 'scale'
    | 'training'
    | 'pipeline-25m';
  log: (line: string) => void;
}

export const QUICK_SCALE_RATINGS = 500_000;

/**
 * `npm run bench`: protocols (the ranking ones over five seeds), scale run, fold-in latency, API
 * budgets, HTTP load (known users' and profiles' routes), web budgets, kernels and training on
 * every core → BENCHMARKS.md.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults | undefined> {
  const { log } = options;
  if (options.only === 'rating') {
    await runRatingOnly(options);
    return undefined;
  }
  if (options.only === 'ranking') {
    await runRankingOnly(options);
    return undefined;
  }
  if (options.only === 'api') {
    await runApiBudgets(options);
    return undefined;
  }
  if (options.only === 'load') {
    await runLoadBench(options);
    return undefined;
  }
  if (options.only === 'profiles') {
    await runProfileBench(options);
    return undefined;
  }
  if (options.only === 'web') {
    await runWebBudgets(options);
    return undefined;
  }
  if (options.only === 'kernels') {
    await runKernelBench(options);
    return undefined;
  }
  if (options.only === 'training') {
    await runTrainingBench(options);
    return undefined;
  }
  if (options.only === 'scale') {
    const scale = await runScaleBench(options);
    const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '# Benchmarks\n';
      throw error;
    });
    await writeFile(
      options.out,
      mergeScaleBenchSection(existing, scaleBenchSection(scale, options.command)),
    );
    log(`updated the scale section of ${options.out}`);
    return undefined;
  }
  if (options.only === 'pipeline-25m') {
    await runPipelineRun(options);
    return undefined;
  }
  const machine = describeMachine();
  log(`bench on ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}`);

  const rating = await measureRating(options);

  const ranking = await measureRanking({ data: options.data, firstSeed: options.seed, log });

  const scale = await runScaleBench(options);

  log('fold-in latency');
  const foldIn = measureFoldIn({ runs: options.quick ? 200 : 1000, seed: options.seed });
  log(`  p50 ${foldIn.p50Ms.toFixed(1)} ms, p99 ${foldIn.p99Ms.toFixed(1)} ms`);

  log('API budgets: handler bundles, module init, request compute');
  const api = await measureApiBudgets(options);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    command: options.command,
    seed: options.seed,
    rating,
    ranking,
    scale,
    foldIn,
    api,
  };
  await writeFile(options.out, benchmarksMarkdown(results));
  log(`wrote ${options.out}`);
  await runLoadBench(options);
  await runProfileBench(options);
  await runWebBudgets(options);
  await runKernelBench(options);
  await runTrainingBench(options);
  return results;
}

/** The scale run (full size unless quick or `scaleRatings` says otherwise), logging its phases. */
async function runScaleBench(options: BenchOptions): Promise<ScaleResult> {
  const ratings =
    options.scaleRatings ?? (options.quick ? QUICK_SCALE_RATINGS : FULL_SCALE.ratings);
  options.log(`scale run: ${ratings.toLocaleString('en-US')} ratings`);
  const reporter = createProgressReporter();
  try {
    const scale = await runScale({
      ratings,
      seed: options.seed,
      k: 100,
      onProgress: reporter.onProgress,
      onPhase: (phase) => options.log(`  ${phase}`),
    });
    options.log(`  load + train + top-100: ${scale.targetSeconds.toFixed(1)} s`);
    return scale;
  } finally {
    reporter.stop();
  }
}

/** rating-cv5 on the bench's dataset and seed, with the machine and load it ran under. */
async function measureRating(options: BenchOptions): Promise<RatingBench> {
  options.log(`rating-cv5 on ${options.data}`);
  const loadAverage = loadavg();
  const date = new Date().toISOString();
  const report = await evaluate({
    data: options.data,
    protocol: 'rating-cv5',
    seed: options.seed,
    progress: true,
  });
  options.log(
    `  RMSE ${report.metrics.rmse!.toFixed(4)} in ${report.timings.total_s.toFixed(1)} s`,
  );
  return { date, machine: describeMachine(), loadAverage, seed: options.seed, report };
}

/** `--only rating`: the rating protocol, merged into the report section-wise. */
async function runRatingOnly(options: BenchOptions): Promise<void> {
  const section = ratingSection(await measureRating(options), options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeRatingSection(existing, section));
  options.log(`updated the rating section of ${options.out}`);
}

/** `--only ranking`: both ranking protocols over the seeds, merged into the report section-wise. */
async function runRankingOnly(options: BenchOptions): Promise<void> {
  const bench = await measureRanking({
    data: options.data,
    firstSeed: options.seed,
    log: options.log,
  });
  const section = rankingSection(bench, options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeRankingSection(existing, section));
  options.log(`updated the ranking section of ${options.out}`);
}

/** `--only api`: the API budgets alone, merged into the existing report section-wise. */
async function runApiBudgets(options: BenchOptions): Promise<void> {
  options.log('API budgets: handler bundles, module init, request compute');
  const section = apiBudgetsSection(await measureApiBudgets(options), options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeApiBudgetsSection(existing, section));
  options.log(`updated the API budgets section of ${options.out}`);
}

/** `--only load` (and the end of a full bench): HTTP load, merged into the report section-wise. */
async function runLoadBench(options: BenchOptions): Promise<void> {
  options.log('load: GET /api/users/{id}/recommendations on the local stack');
  const load = await measureLoad({
    ...options,
    ...(options.quick && { durationS: 10, searchDurationS: 2 }),
  });
  const section = loadBenchSection(load, options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeLoadBenchSection(existing, section));
  options.log(`updated the load section of ${options.out}`);
}

/** `--only profiles` (and the end of a full bench): profile routes' load, merged section-wise. */
async function runProfileBench(options: BenchOptions): Promise<void> {
  options.log('profiles: PUT rating and GET profile recommendations on the local stack');
  const bench = await measureProfileLoad({
    ...options,
    ...(options.quick && { durationS: 10, searchDurationS: 2, profiles: 300 }),
  });
  const section = profileBenchSection(bench, options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeProfileBenchSection(existing, section));
  options.log(`updated the profiles section of ${options.out}`);
}

/** `--only web` (and the end of a full bench): web app budgets, merged section-wise. */
async function runWebBudgets(options: BenchOptions): Promise<void> {
  options.log('web: initial JS of the web app, first recommendations in Chromium');
  const section = webBudgetsSection(await measureWebBudgets(options), options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeWebBudgetsSection(existing, section));
  options.log(`updated the web section of ${options.out}`);
}

/** `--only kernels` (and the end of a full bench): kernel ratios, merged section-wise. */
async function runKernelBench(options: BenchOptions): Promise<void> {
  options.log('kernels: WebAssembly against TypeScript (and the SGD epoch against C)');
  const section = kernelBenchSection(await measureKernels(options), options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeKernelBenchSection(existing, section));
  options.log(`updated the kernels section of ${options.out}`);
}

/** `--only training` (and the end of a full bench): training on every core, merged section-wise. */
async function runTrainingBench(options: BenchOptions): Promise<void> {
  options.log('training: iALS on worker threads, `movierec train`, `npm start -- --fresh`');
  const section = trainingBenchSection(await measureTraining(options), options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergeTrainingBenchSection(existing, section));
  options.log(`updated the training section of ${options.out}`);
}

/**
 * `--only pipeline-25m`: the whole pipeline on an ml-25m-sized synthetic zip on the local stack
 * (`--scale-ratings` sets its size), merged section-wise. Not part of a full bench: it runs
 * for most of an hour on a small machine.
 */
async function runPipelineRun(options: BenchOptions): Promise<void> {
  const ratings = options.scaleRatings ?? ML25M_SHAPE.ratings;
  const bench = await measurePipelineRun({
    ratings,
    seed: options.seed,
    ...(options.pipelineEpochs !== undefined && { epochs: options.pipelineEpochs }),
    log: options.log,
  });
  const section = pipelineRunSection(bench, options.command);
  const existing = await readFile(options.out, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  await writeFile(options.out, mergePipelineRunSection(existing, section));
  options.log(`updated the pipeline-25m section of ${options.out}`);
  if (bench.status !== 'SUCCEEDED') process.exitCode = 1;
}
