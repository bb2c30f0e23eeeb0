import { readFile, writeFile } from 'node:fs/promises';
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
import { FULL_SCALE, runScale } from './scale-run.ts';
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
  out: string;
  command: string;
  /** Only the API budgets, the HTTP load, the web budgets or the kernels, replacing their section of `out`. */
  only?: 'api' | 'load' | 'web' | 'kernels';
  log: (line: string) => void;
}

export const QUICK_SCALE_RATINGS = 500_000;

/** `npm run bench`: protocols, scale run, fold-in latency and API budgets → BENCHMARKS.md. */
export async function runBench(options: BenchOptions): Promise<BenchResults | undefined> {
  const { log } = options;
  if (options.only === 'api') {
    await runApiBudgets(options);
    return undefined;
  }
  if (options.only === 'load') {
    await runLoadBench(options);
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
  const machine = describeMachine();
  log(`bench on ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}`);

  log(`rating-cv5 on ${options.data}`);
  const rating = await evaluate({
    data: options.data,
    protocol: 'rating-cv5',
    seed: options.seed,
    progress: true,
  });
  log(`  RMSE ${rating.metrics.rmse!.toFixed(4)} in ${rating.timings.total_s.toFixed(1)} s`);

  log(`ranking-stratified75 on ${options.data}`);
  const ranking = await evaluate({
    data: options.data,
    protocol: 'ranking-stratified75',
    seed: options.seed,
    progress: true,
  });
  log(
    `  nDCG@10 ${ranking.metrics['ndcg@10']!.toFixed(4)} in ${ranking.timings.total_s.toFixed(1)} s`,
  );

  const ratings =
    options.scaleRatings ?? (options.quick ? QUICK_SCALE_RATINGS : FULL_SCALE.ratings);
  log(`scale run: ${ratings.toLocaleString('en-US')} ratings`);
  const reporter = createProgressReporter();
  let scale;
  try {
    scale = await runScale({
      ratings,
      seed: options.seed,
      k: 100,
      onProgress: reporter.onProgress,
      onPhase: (phase) => log(`  ${phase}`),
    });
  } finally {
    reporter.stop();
  }
  log(`  load + train + top-100: ${scale.targetSeconds.toFixed(1)} s`);

  log('fold-in latency');
  const foldIn = measureFoldIn({ runs: options.quick ? 200 : 1000, seed: options.seed });
  log(`  p50 ${foldIn.p50Ms.toFixed(1)} ms, p99 ${foldIn.p99Ms.toFixed(1)} ms`);

  log('API budgets: handler bundles, module init, request compute');
  const api = await measureApiBudgets(options);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    command: options.command,
    rating,
    ranking,
    scale,
    foldIn,
    api,
  };
  await writeFile(options.out, benchmarksMarkdown(results));
  log(`wrote ${options.out}`);
  await runLoadBench(options);
  await runWebBudgets(options);
  await runKernelBench(options);
  return results;
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
