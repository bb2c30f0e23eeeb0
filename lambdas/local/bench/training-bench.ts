import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainSummary } from '../cli/train-command.ts';
import {
  measureIalsWorkers,
  type IalsWorkersBench,
  type IalsWorkersShape,
} from './ials-workers-bench.ts';
import { describeMachine, type MachineInfo } from './machine.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../bin/movierec.ts', import.meta.url));

/** Issue 11's targets for training on every core. */
export const TRAINING_TARGETS = {
  /** iALS on the 5M set with 2 workers, against the TypeScript path in the same process. */
  ialsVsTypescript: 2.5,
  /** The goal beside it: `implicit`'s throughput per core, ≈ 3M ratings·epochs/s on 2 cores. */
  ialsRatingsEpochsPerSecond: 3e6,
  /** `movierec train` on the built-in dataset, wall seconds. */
  trainSeconds: 15,
  /** `npm start -- --fresh` to ready, wall seconds. */
  freshStartSeconds: 60,
} as const;

export interface TrainingBench {
  date: string;
  machine: MachineInfo;
  ials: IalsWorkersBench;
  /** Runs of `movierec train` on the built-in dataset in a child process. */
  train: { dataset: TrainSummary['dataset']; runs: { seconds: number; load: number }[] };
  /** `movierec start --fresh` in a child process until the health route answers. */
  freshStart: { readySeconds: number; healthSeconds: number; load: [number, number] };
}

/**
 * `movierec bench --only training`: iALS on worker threads against the TypeScript path, then
 * `movierec train` and `npm start -- --fresh` as a user runs them, each in a child process
 * started from the sources (tsx) so that their start-up counts.
 */
export async function measureTraining(options: {
  log: (line: string) => void;
  ials?: IalsWorkersShape;
  trainRuns?: number;
}): Promise<TrainingBench> {
  const { log } = options;
  log('  iALS on 2 worker threads, WebAssembly against TypeScript');
  const ials = await measureIalsWorkers(options.ials);
  log(`  ${(ials.ratingsEpochsPerSecond.wasm / 1e6).toFixed(2)}M ratings·epochs/s`);
  const runs: TrainingBench['train']['runs'] = [];
  let dataset: TrainSummary['dataset'] | undefined;
  for (let run = 0; run < (options.trainRuns ?? 2); run++) {
    const result = await timeCliTrain();
    dataset = result.summary.dataset;
    runs.push({ seconds: result.seconds, load: result.load });
    log(`  movierec train: ${result.seconds.toFixed(1)} s`);
  }
  const freshStart = await timeFreshStart();
  log(`  npm start -- --fresh: ready in ${freshStart.readySeconds.toFixed(1)} s`);
  return {
    date: new Date().toISOString(),
    machine: describeMachine(),
    ials,
    train: { dataset: dataset!, runs },
    freshStart,
  };
}

/** Runs the CLI from the sources in a child process; resolves with its stdout once it exits 0. */
function cli(args: string[], onLine?: (line: string, stop: () => void) => void): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '' },
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onLine?.(pending.slice(0, newline), () => child.kill('SIGINT'));
      pending = pending.slice(newline + 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`movierec ${args[0]} exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/** `movierec train --json` on the built-in dataset into a scratch folder, wall seconds. */
async function timeCliTrain(): Promise<{ seconds: number; load: number; summary: TrainSummary }> {
  const folder = await mkdtemp(join(tmpdir(), 'movierec-train-bench-'));
  try {
    const load = loadavg()[0]!;
    const start = performance.now();
    const stdout = await cli(['train', '--out', join(folder, 'v1'), '--json']);
    const seconds = (performance.now() - start) / 1000;
    return { seconds, load, summary: JSON.parse(stdout) as TrainSummary };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * `movierec start --fresh` (what `npm start -- --fresh` runs) with a scratch state folder on a
 * free port: seconds from the spawn to the ready line, and to the first answer of GET
 * /api/health; then it is stopped with Ctrl-C.
 */
async function timeFreshStart(): Promise<TrainingBench['freshStart']> {
  const stateDir = await mkdtemp(join(tmpdir(), 'movierec-start-bench-'));
  try {
    const loadStart = loadavg()[0]!;
    const start = performance.now();
    let readySeconds = NaN;
    let healthSeconds = NaN;
    let failure: unknown;
    await cli(['start', '--fresh', '--state-dir', stateDir, '--port', '0'], (line, stop) => {
      const ready = /MovieRec is ready at (http:\/\/\S+)/.exec(line);
      if (ready === null) return;
      readySeconds = (performance.now() - start) / 1000;
      const url = ready[1]!.replace('localhost', '127.0.0.1');
      fetch(`${url}/api/health`)
        .then((response) => {
          if (!response.ok) throw new Error(`GET /api/health answered ${response.status}`);
          healthSeconds = (performance.now() - start) / 1000;
        })
        .catch((error: unknown) => (failure = error))
        .finally(stop);
    });
    if (failure !== undefined) throw failure;
    return { readySeconds, healthSeconds, load: [loadStart, loadavg()[0]!] };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}
