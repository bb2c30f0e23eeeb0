/**
 * The `movierec` CLI: evaluate, train, recommend, generate, bench, start. Results go to stdout;
 * progress bars and errors go to stderr. An error is one line and a non-zero exit, never a stack.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { BenchOptions } from '../lambdas/local/bench/run-bench.ts';
import { UsageError } from '../lambdas/local/cli/cli-error.ts';
import {
  PROTOCOLS,
  TUNING_PROTOCOLS,
  type Protocol,
  type TuningProtocol,
} from '../lambdas/local/cli/protocols.ts';

// Each command imports its implementation when it runs, so start-up (and --help) stays quick.

const DEFAULT_SEED = 42;
/** A bound on `tune --trials`: each trial is a full fit. */
const MAX_TRIALS = 200;

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}"`);
    }
    return n;
  };
}

function existingPath(value: string): string {
  if (!existsSync(value)) throw new UsageError(`no such file or folder: ${value}`);
  return value;
}

/** --data as given, else the built-in dataset. */
async function dataPath(data: string | undefined): Promise<string> {
  if (data !== undefined) return existingPath(data);
  return (await import('../lambdas/local/load-dataset.ts')).BUILT_IN_DATASET;
}

const dataOption = () =>
  new Option(
    '--data <folder|zip>',
    'MovieLens dataset folder or GroupLens zip (default: the built-in ml-latest-small)',
  );
const seedOption = () =>
  new Option('--seed <n>', 'random seed').argParser(integer(0)).default(DEFAULT_SEED);

const program = new Command('movierec')
  .description('Train, evaluate and query the MovieRec recommender on MovieLens data.')
  .showSuggestionAfterError()
  .exitOverride();

program
  .command('evaluate')
  .description(
    'evaluate under a fixed protocol: rating-cv5 (RMSE, MAE), ranking-stratified75 (top-10, 75/25 per movie), ranking-stratified75-user (75/25 per user) or ranking-heldout-users (fold-in of unseen users)',
  )
  .addOption(dataOption())
  .addOption(
    new Option('--protocol <name>', 'evaluation protocol').choices(PROTOCOLS).makeOptionMandatory(),
  )
  .addOption(seedOption())
  .option(
    '--tune <n>',
    "tune the protocol's model inside each training fold with n trials first (not ranking-heldout-users)",
    integer(1),
  )
  .option('--json', 'print exactly one JSON object on stdout, no progress bars')
  .action(
    async (opts: {
      data?: string;
      protocol: Protocol;
      seed: number;
      tune?: number;
      json?: boolean;
    }) => {
      if (opts.tune !== undefined && opts.protocol === 'ranking-heldout-users') {
        throw new UsageError('--tune: ranking-heldout-users has no training folds to tune in');
      }
      if (opts.tune !== undefined && opts.tune > MAX_TRIALS) {
        throw new UsageError(`--tune: at most ${MAX_TRIALS} trials, got ${opts.tune}`);
      }
      const { evaluate, formatEvaluation } =
        await import('../lambdas/local/cli/evaluate-command.ts');
      const report = await evaluate({
        data: await dataPath(opts.data),
        protocol: opts.protocol,
        seed: opts.seed,
        ...(opts.tune !== undefined && { tune: opts.tune }),
        progress: !opts.json,
      });
      process.stdout.write(
        opts.json ? `${JSON.stringify(report)}\n` : `${formatEvaluation(report)}\n`,
      );
    },
  );

program
  .command('tune')
  .description(
    "search a model's parameters on a validation split of the protocol's training data: rating-cv5 tunes the rating model (RMSE), ranking-stratified75 the ranking model (nDCG@10)",
  )
  .addOption(dataOption())
  .addOption(
    new Option('--protocol <name>', 'evaluation protocol whose training part is searched')
      .choices(TUNING_PROTOCOLS)
      .makeOptionMandatory(),
  )
  .requiredOption('--trials <n>', 'trials, the first with the defaults (at most 200)', integer(1))
  .addOption(seedOption())
  .option('--json', 'print exactly one JSON object on stdout, no progress bars')
  .action(
    async (opts: {
      data?: string;
      protocol: TuningProtocol;
      trials: number;
      seed: number;
      json?: boolean;
    }) => {
      if (opts.trials > MAX_TRIALS) {
        throw new UsageError(`--trials: at most ${MAX_TRIALS}, got ${opts.trials}`);
      }
      const { tune } = await import('../lambdas/local/cli/tune-command.ts');
      const report = await tune({
        data: await dataPath(opts.data),
        protocol: opts.protocol,
        trials: opts.trials,
        seed: opts.seed,
        progress: !opts.json,
        ...(!opts.json && { print: (line: string) => process.stdout.write(`${line}\n`) }),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    },
  );

program
  .command('generate')
  .description('write a seeded synthetic MovieLens-format dataset')
  .requiredOption('--users <n>', 'number of users', integer(1))
  .requiredOption('--items <n>', 'number of movies', integer(1))
  .requiredOption('--ratings <n>', 'number of ratings', integer(1))
  .requiredOption('--out <folder>', 'output folder')
  .addOption(seedOption())
  .action(
    async (opts: { users: number; items: number; ratings: number; out: string; seed: number }) => {
      const { generate } = await import('../lambdas/local/cli/generate-command.ts');
      process.stdout.write(`${await generate(opts)}\n`);
    },
  );

program
  .command('train')
  .description('train a model version and write it to a folder')
  .addOption(dataOption())
  .requiredOption('--out <folder>', 'model version folder to create (its name is the version)')
  .addOption(seedOption())
  .option('--overwrite', 'replace an existing version folder')
  .option(
    '--workers <n>',
    'threads training iALS; from 2 the rating model trains on its own (default: one per core)',
    integer(1),
  )
  .option('--json', 'print the summary as one JSON object, no progress bars')
  .action(
    async (opts: {
      data?: string;
      out: string;
      seed: number;
      overwrite?: boolean;
      workers?: number;
      json?: boolean;
    }) => {
      const { formatTrainSummary, trainToFolder } =
        await import('../lambdas/local/cli/train-command.ts');
      const summary = await trainToFolder({
        data: await dataPath(opts.data),
        out: opts.out,
        seed: opts.seed,
        progress: !opts.json,
        overwrite: opts.overwrite ?? false,
        ...(opts.workers !== undefined && { workers: opts.workers }),
      });
      process.stdout.write(
        opts.json ? `${JSON.stringify(summary)}\n` : `${formatTrainSummary(summary)}\n`,
      );
    },
  );

program
  .command('recommend')
  .description('recommend movies for a known user or for someone who likes some movies')
  .requiredOption('--model <folder>', 'model version folder (from train)')
  .option('--user <id>', 'a userId of the training data', integer(0))
  .option(
    '--like <title>',
    'a movie title the person likes (repeatable)',
    (title: string, list: string[]) => [...list, title],
    [] as string[],
  )
  .option('--limit <n>', 'how many movies', integer(1), 10)
  .option('--genre <name>', 'only movies of this genre')
  .option('--json', 'print one JSON object')
  .action(
    async (opts: {
      model: string;
      user?: number;
      like: string[];
      limit: number;
      genre?: string;
      json?: boolean;
    }) => {
      const { formatRecommendations, recommend } =
        await import('../lambdas/local/cli/recommend-command.ts');
      const answer = await recommend({ ...opts, model: existingPath(opts.model) });
      process.stdout.write(
        opts.json ? `${JSON.stringify(answer)}\n` : `${formatRecommendations(answer)}\n`,
      );
    },
  );

program
  .command('start')
  .description(
    'run MovieRec on this machine: emulated DynamoDB and S3, the API and the web app (trains a model first if none is live)',
  )
  .option('--port <n>', 'HTTP port (default: $PORT or 3000; 0 = any free port)')
  .option(
    '--dataset <name|folder|zip>',
    'train on this dataset now: ml-latest-small, ml-25m or ml-32m (downloaded), or a MovieLens folder or GroupLens zip (default: the built-in ml-latest-small when no model is live)',
  )
  .option('--fresh', 'delete the local state (tables, buckets, models) and start over')
  .option('--state-dir <folder>', 'where the local state lives (default: .local/stack)')
  .action(async (opts: { port?: string; dataset?: string; fresh?: boolean; stateDir?: string }) => {
    const { DEFAULT_PORT, LOCAL_STATE_DIR, parsePort, start } =
      await import('../lambdas/local/cli/start-command.ts');
    let port = DEFAULT_PORT;
    try {
      if (opts.port !== undefined) port = parsePort(opts.port, '--port');
      else if (process.env.PORT) port = parsePort(process.env.PORT, 'PORT');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (
      opts.dataset !== undefined &&
      !['ml-latest-small', 'ml-25m', 'ml-32m'].includes(opts.dataset)
    ) {
      existingPath(opts.dataset);
    }
    try {
      await start({
        port,
        stateDir: opts.stateDir ?? LOCAL_STATE_DIR,
        fresh: opts.fresh ?? false,
        ...(opts.dataset !== undefined && { dataset: opts.dataset }),
        log: (line) => process.stderr.write(`${line}\n`),
        print: (line) => process.stdout.write(`${line}\n`),
      });
    } catch (error) {
      if (process.env.DEBUG) console.error(error);
      fail(error);
      // A failed start leaves nothing running: no worker or socket may keep the process up.
      process.exit(process.exitCode ?? 1);
    }
  });

program
  .command('bench')
  .description(
    'run the protocols (ranking over five seeds), the scale run, fold-in latency, the API budgets and the HTTP load; write BENCHMARKS.md',
  )
  .addOption(dataOption())
  .addOption(seedOption())
  .option('--quick', 'a small scale run and fewer fold-in runs (a smoke test)')
  .option(
    '--scale-ratings <n>',
    'ratings in the synthetic scale run (default 32,000,000; users and movies scale with it)',
    integer(1000),
  )
  .option('--out <file>', 'where to write the report (default: BENCHMARKS.md in the repository)')
  .addOption(
    new Option('--only <section>', 'measure one section and replace it in the report').choices([
      'rating',
      'ranking',
      'api',
      'load',
      'profiles',
      'web',
      'kernels',
      'scale',
      'training',
      'pipeline-25m',
    ]),
  )
  .option(
    '--pipeline-epochs <n>',
    "epochs of the training task in the pipeline-25m run (default the models' own)",
    integer(1),
  )
  .action(
    async (opts: {
      data?: string;
      seed: number;
      quick?: boolean;
      scaleRatings?: number;
      out?: string;
      only?: BenchOptions['only'];
      pipelineEpochs?: number;
    }) => {
      const { BENCHMARKS_FILE, runBench } = await import('../lambdas/local/bench/run-bench.ts');
      await runBench({
        data: await dataPath(opts.data),
        seed: opts.seed,
        quick: opts.quick ?? false,
        ...(opts.scaleRatings !== undefined && { scaleRatings: opts.scaleRatings }),
        ...(opts.pipelineEpochs !== undefined && { pipelineEpochs: opts.pipelineEpochs }),
        out: opts.out ?? BENCHMARKS_FILE,
        command: ['movierec', ...process.argv.slice(2)].join(' '),
        log: (line) => process.stderr.write(`${line}\n`),
        ...(opts.only !== undefined && { only: opts.only }),
      });
    },
  );

/** One line on stderr and a non-zero exit; commander has already printed its own usage errors. */
function fail(error: unknown): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`movierec: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
