import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Ratings } from '../../core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import type { BiasedMfSgd, SgdSetup } from '../../core/models/biased-mf-sgd.ts';
import { typescriptBiasedMfSgd } from '../../core/models/biased-mf-sgd.ts';
import type { SpdInverseKernel } from '../../core/linalg/spd-inverse.ts';
import { invertSpdInPlace } from '../../core/linalg/spd-inverse.ts';
import { DEFAULT_BIASED_MF_PARAMS } from '../../core/models/biased-mf.ts';
import type { IalsKernel, IalsParams } from '../../core/models/ials.ts';
import {
  createIalsScratch,
  defaultIalsParams,
  gramian,
  ialsGramian,
  ialsRowsSolver,
  initIalsFactors,
  solveRows,
} from '../../core/models/ials.ts';
import { easeGram } from '../../core/models/ease.ts';
import { binaryWeighting, implicitMatrix } from '../../core/models/implicit-feedback.ts';
import { wasmEaseGram } from '../../core/models/wasm-ease-gram.ts';
import { wasmBiasedMfSgd } from '../../core/models/wasm-biased-mf-sgd.ts';
import { createRng } from '../../core/random.ts';
import type { ScoringKernel } from '../../core/scoring/block-scorer.ts';
import type { FactorScoringInput } from '../../core/scoring/factor-top-k.ts';
import {
  createBlockScorer,
  createTopKLists,
  scoreTopKRange,
} from '../../core/scoring/factor-top-k.ts';
import { describeMachine, type MachineInfo } from './machine.ts';

const run = promisify(execFile);

/** The C reference of the SGD epoch, built with `gcc -O3` when a compiler is present. */
export const SGD_C_REFERENCE = fileURLToPath(new URL('sgd-epoch-reference.c', import.meta.url));

/** Issue 11's targets, as ratios against the TypeScript reference and the C build. */
export const KERNEL_TARGETS = {
  scoringVsTypescript: 3,
  ialsVsTypescript: 2.5,
  sgdVsC: 0.8,
} as const;

export interface KernelBenchShape {
  /** Top-k scoring: users × items with `factors` dimensions, top `k`, `seen` excluded per user. */
  scoring: { users: number; items: number; factors: number; k: number; seen: number };
  /** SGD: the synthetic generator at this shape (ML-100K's by default), default rating params. */
  sgd: { users: number; items: number; ratings: number; epochs: number };
  /** iALS, each solver: one epoch (both sides) on the synthetic generator at this shape. */
  ials: { users: number; items: number; ratings: number; factors: number; cgSteps: number };
  /** EASE's SPD inverse of an n × n matrix (EASE's default maxItems is 3,000). */
  inverse: { n: number };
  /** iALS's Gramian Σ f·fᵀ of `rows` factor rows of `factors` dimensions. */
  gramian: { rows: number; factors: number };
  /** EASE's Gram matrix XᵀX of the synthetic generator's binary ratings at this shape. */
  easeGram: { users: number; items: number; ratings: number };
  /** Timed runs of each implementation; the report gives medians. */
  runs: number;
}

/** ML-100K: 943 users, 1,682 movies, 100,000 ratings; scoring at the issue's 5M-synthetic catalogue. */
export const KERNEL_BENCH_SHAPE: KernelBenchShape = {
  scoring: { users: 4096, items: 12_000, factors: 64, k: 100, seen: 150 },
  sgd: { users: 943, items: 1682, ratings: 100_000, epochs: 5 },
  ials: { users: 4000, items: 3000, ratings: 300_000, factors: 64, cgSteps: 3 },
  inverse: { n: 1500 },
  gramian: { rows: 32_000, factors: 64 },
  easeGram: { users: 6000, items: 3000, ratings: 600_000 },
  runs: 5,
};

export interface KernelBench {
  date: string;
  machine: MachineInfo;
  /** 1, 5 and 15 minute load averages at the start and at the end. */
  loadAverage: { start: number[]; end: number[] };
  shape: KernelBenchShape;
  scoring: { typescript: number; wasm: number };
  /** Ratings·epochs per second of the iALS row solves of each solver (one thread). */
  ials: Record<IalsParams['solver'], Record<IalsKernel, number>>;
  /** Median seconds of one SPD inverse. */
  inverse: Record<SpdInverseKernel, number>;
  /** Median seconds of one iALS Gramian. */
  gramian: Record<IalsKernel, number>;
  /** Median seconds of one EASE Gram matrix. */
  easeGram: Record<Implementation, number>;
  /** Median seconds of one epoch; `c` null when no compiler was found (`cNote` says why). */
  sgd: { typescript: number; wasm: number; c: number | null; cNote: string };
  /** Largest relative difference of an epoch's squared-error sum from the TypeScript reference's. */
  sgdLossDifference: { wasm: number; c: number | null };
}

/** EASE's Gram matrix has no kernel type of its own: `trainEase` takes the two as a literal. */
type Implementation = 'typescript' | 'wasm';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * `movierec bench --only kernels`: each WebAssembly kernel against its TypeScript reference in
 * the same process, runs interleaved so that a change of load hits both alike, and the SGD epoch
 * against the C build of the same loop.
 */
export async function measureKernels(
  options: { seed: number; log: (line: string) => void },
  shape: KernelBenchShape = KERNEL_BENCH_SHAPE,
): Promise<KernelBench> {
  const start = loadavg();
  const scoring = measureScoring(shape, options.seed);
  options.log(
    `  top-${shape.scoring.k} scoring: ${(scoring.wasm / 1e6).toFixed(0)}M user·items/s ` +
      `(TypeScript ${(scoring.typescript / 1e6).toFixed(0)}M)`,
  );
  const ials = {
    cholesky: measureIals(shape, 'cholesky', options.seed),
    cg: measureIals(shape, 'cg', options.seed),
  };
  for (const solver of ['cholesky', 'cg'] as const) {
    options.log(
      `  iALS ${solver} epoch: ${(ials[solver].wasm / 1e6).toFixed(2)}M ratings·epochs/s ` +
        `(TypeScript ${(ials[solver].typescript / 1e6).toFixed(2)}M)`,
    );
  }
  const inverse = measureInverse(shape, options.seed);
  options.log(
    `  SPD inverse, n=${shape.inverse.n}: ${(inverse.wasm * 1000).toFixed(0)} ms ` +
      `(TypeScript ${(inverse.typescript * 1000).toFixed(0)} ms)`,
  );
  const gramianTimes = measureGramian(shape, options.seed);
  const easeGramTimes = measureEaseGram(shape, options.seed);
  options.log(
    `  iALS Gramian: ${(gramianTimes.wasm * 1000).toFixed(1)} ms (TypeScript ` +
      `${(gramianTimes.typescript * 1000).toFixed(1)} ms); EASE Gram: ` +
      `${(easeGramTimes.wasm * 1000).toFixed(1)} ms (TypeScript ${(easeGramTimes.typescript * 1000).toFixed(1)} ms)`,
  );
  const sgd = await measureSgd(shape, options.seed);
  options.log(
    `  SGD epoch: ${(sgd.times.wasm * 1000).toFixed(1)} ms (TypeScript ` +
      `${(sgd.times.typescript * 1000).toFixed(1)} ms, C ${sgd.times.c === null ? sgd.times.cNote : `${(sgd.times.c * 1000).toFixed(1)} ms`})`,
  );
  return {
    date: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: { start, end: loadavg() },
    shape,
    scoring,
    ials,
    inverse,
    gramian: gramianTimes,
    easeGram: easeGramTimes,
    sgd: sgd.times,
    sgdLossDifference: sgd.lossDifference,
  };
}

/** Scored user·items per second of each kernel (one thread, top-k selection included). */
function measureScoring(shape: KernelBenchShape, seed: number): Record<ScoringKernel, number> {
  const input = scoringInput(shape.scoring, seed);
  const times: Record<ScoringKernel, number[]> = { typescript: [], wasm: [] };
  for (let r = 0; r < shape.runs; r++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const out = createTopKLists(input.users, input.k);
      const t0 = performance.now();
      scoreTopKRange(input, out, 0, input.users, createBlockScorer(input, kernel));
      times[kernel].push((performance.now() - t0) / 1000);
    }
  }
  const perSecond = (kernel: ScoringKernel) => (input.users * input.items) / median(times[kernel]);
  return { typescript: perSecond('typescript'), wasm: perSecond('wasm') };
}

/**
 * Ratings·epochs per second of one iALS epoch's row solves (users, then items; the Gramians
 * are computed outside the timing), each kernel from the same initial factors.
 */
function measureIals(
  shape: KernelBenchShape,
  solver: IalsParams['solver'],
  seed: number,
): Record<IalsKernel, number> {
  const { users, items, ratings, factors, cgSteps } = shape.ials;
  const train = generateSyntheticDataset({ users, items, ratings, seed }).ratings;
  const params: IalsParams = { ...defaultIalsParams, factors, cgSteps, solver };
  const byUser = implicitMatrix(train, { users, items }, 'user', params.weighting);
  const byItem = implicitMatrix(train, { users, items }, 'item', params.weighting);
  const start = initIalsFactors(users, items, params, seed);
  const scratch = createIalsScratch(factors);
  const times: Record<IalsKernel, number[]> = { typescript: [], wasm: [] };
  for (let r = 0; r < shape.runs; r++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const rowsSolver = ialsRowsSolver(kernel);
      const user = start.user.slice();
      const item = start.item.slice();
      let seconds = 0;
      for (const side of ['user', 'item'] as const) {
        const [matrix, fixed, target] =
          side === 'user' ? [byUser, item, user] : [byItem, user, item];
        const gram = gramian(fixed, factors, 0, matrix.cols, new Float64Array(factors * factors));
        const t0 = performance.now();
        solveRows({ matrix, fixed, target, gram }, 0, matrix.rows, params, scratch, rowsSolver);
        seconds += (performance.now() - t0) / 1000;
      }
      times[kernel].push(seconds);
    }
  }
  const nnz = byUser.indices.length;
  return { typescript: nnz / median(times.typescript), wasm: nnz / median(times.wasm) };
}

/** Median seconds of invertSpdInPlace on each kernel, of a random SPD matrix (M·Mᵀ/n + I). */
function measureInverse(shape: KernelBenchShape, seed: number): Record<SpdInverseKernel, number> {
  const { n } = shape.inverse;
  const rng = createRng(seed);
  const m = Float32Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = i === j ? n : 0;
      for (let p = 0; p < n; p++) s += m[i * n + p]! * m[j * n + p]!;
      a[i * n + j] = s / n;
      a[j * n + i] = s / n;
    }
  }
  const times: Record<SpdInverseKernel, number[]> = { typescript: [], wasm: [] };
  for (let r = 0; r < shape.runs; r++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const copy = a.slice();
      const t0 = performance.now();
      invertSpdInPlace(copy, n, kernel);
      times[kernel].push((performance.now() - t0) / 1000);
    }
  }
  return { typescript: median(times.typescript), wasm: median(times.wasm) };
}

/** Median seconds of one Gramian of random factor rows on each kernel. */
function measureGramian(shape: KernelBenchShape, seed: number): Record<IalsKernel, number> {
  const { rows, factors } = shape.gramian;
  const rng = createRng(seed);
  const f = Float32Array.from({ length: rows * factors }, () => rng.normal() * 0.1);
  const times: Record<IalsKernel, number[]> = { typescript: [], wasm: [] };
  for (let r = 0; r < shape.runs; r++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const gramOf = ialsGramian(kernel);
      const t0 = performance.now();
      gramOf(f, factors, 0, rows, new Float64Array(factors * factors));
      times[kernel].push((performance.now() - t0) / 1000);
    }
  }
  return { typescript: median(times.typescript), wasm: median(times.wasm) };
}

/** Median seconds of one EASE Gram matrix (XᵀX of the binary ratings) on each kernel. */
function measureEaseGram(shape: KernelBenchShape, seed: number): Record<Implementation, number> {
  const { users, items, ratings } = shape.easeGram;
  const train = generateSyntheticDataset({ users, items, ratings, seed }).ratings;
  const rows = implicitMatrix(train, { users, items }, 'user', binaryWeighting);
  const times: Record<Implementation, number[]> = { typescript: [], wasm: [] };
  for (let r = 0; r < shape.runs; r++) {
    for (const kernel of ['typescript', 'wasm'] as const) {
      const t0 = performance.now();
      if (kernel === 'wasm') wasmEaseGram(rows, items);
      else easeGram(rows, items);
      times[kernel].push((performance.now() - t0) / 1000);
    }
  }
  return { typescript: median(times.typescript), wasm: median(times.wasm) };
}

function scoringInput(s: KernelBenchShape['scoring'], seed: number): FactorScoringInput {
  const rng = createRng(seed);
  const indptr = new Int32Array(s.users + 1);
  const indices = new Int32Array(s.users * s.seen);
  for (let u = 0; u < s.users; u++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(s.seen, s.items)) seen.add(rng.int(s.items));
    indices.set(Int32Array.from(seen).sort(), indptr[u]!);
    indptr[u + 1] = indptr[u]! + seen.size;
  }
  return {
    users: s.users,
    items: s.items,
    factors: s.factors,
    userFactors: Float32Array.from({ length: s.users * s.factors }, () => rng.normal() * 0.3),
    itemFactors: Float32Array.from({ length: s.items * s.factors }, () => rng.normal() * 0.3),
    itemBias: Float32Array.from({ length: s.items }, () => rng.normal() * 0.1),
    exclude: { indptr, indices: indices.subarray(0, indptr[s.users]!) },
    k: s.k,
  };
}

interface SgdRun {
  seconds: number[];
  squared: number[];
}

/**
 * Each implementation trains `epochs` epochs from the same initial factors over the same
 * shuffled order, `runs` times; the median epoch time counts.
 */
async function measureSgd(shape: KernelBenchShape, seed: number) {
  const { users, items, ratings, epochs } = shape.sgd;
  const train = generateSyntheticDataset({ users, items, ratings, seed }).ratings;
  const p = DEFAULT_BIASED_MF_PARAMS;
  const k = p.factors;
  const setup: SgdSetup = { users, items, k, ...p };
  const rng = createRng(seed);
  const P = Float64Array.from({ length: users * k }, () => rng.normal() * p.initStd);
  const Q = Float64Array.from({ length: items * k }, () => rng.normal() * p.initStd);
  const order = rng.shuffle(Int32Array.from({ length: ratings }, (_, n) => n));
  let sum = 0;
  for (const value of train.value) sum += value;
  const mu = sum / ratings;

  const epochsOf = (sgd: BiasedMfSgd): SgdRun => {
    sgd.P.set(P);
    sgd.Q.set(Q);
    sgd.order.set(order);
    const result: SgdRun = { seconds: [], squared: [] };
    let lr = p.learningRate;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const t0 = performance.now();
      result.squared.push(sgd.epoch(mu, lr));
      result.seconds.push((performance.now() - t0) / 1000);
      lr *= p.learningRateDecay;
    }
    return result;
  };
  const runs = { typescript: [] as SgdRun[], wasm: [] as SgdRun[], c: [] as SgdRun[] };
  const c = await buildCReference();
  const input =
    c.binary === null ? null : await writeCInput(c.dir, train, setup, { mu, order, P, Q, epochs });
  try {
    for (let r = 0; r < shape.runs; r++) {
      runs.typescript.push(epochsOf(typescriptBiasedMfSgd(train, setup)));
      runs.wasm.push(epochsOf(wasmBiasedMfSgd(train, setup)));
      if (c.binary !== null && input !== null) runs.c.push(await runCReference(c.binary, input));
    }
  } finally {
    await rm(c.dir, { recursive: true, force: true });
  }
  const epochSeconds = (list: SgdRun[]) => median(list.flatMap((x) => x.seconds));
  const reference = runs.typescript[0]!.squared;
  const lossDifference = (list: SgdRun[]) =>
    Math.max(...list[0]!.squared.map((s, epoch) => Math.abs(s / reference[epoch]! - 1)));
  const hasC = runs.c.length > 0;
  return {
    times: {
      typescript: epochSeconds(runs.typescript),
      wasm: epochSeconds(runs.wasm),
      c: hasC ? epochSeconds(runs.c) : null,
      cNote: hasC ? 'gcc -O3' : c.note,
    },
    lossDifference: { wasm: lossDifference(runs.wasm), c: hasC ? lossDifference(runs.c) : null },
  };
}

/** Compiles the C reference with `gcc -O3` in a scratch folder; `binary` null if gcc is missing or fails. */
async function buildCReference(): Promise<{ dir: string; binary: string | null; note: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'movierec-sgd-'));
  const binary = join(dir, 'sgd-epoch-reference');
  try {
    await run('gcc', ['-O3', '-o', binary, SGD_C_REFERENCE]);
    return { dir, binary, note: 'gcc -O3' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const note = code === 'ENOENT' ? 'skipped: no gcc on this machine' : 'skipped: gcc failed';
    return { dir, binary: null, note };
  }
}

async function writeCInput(
  dir: string,
  train: Ratings,
  setup: SgdSetup,
  start: { mu: number; order: Int32Array; P: Float64Array; Q: Float64Array; epochs: number },
): Promise<string> {
  const p = DEFAULT_BIASED_MF_PARAMS;
  const file = join(dir, 'input.bin');
  const parts = [
    Int32Array.of(train.value.length, setup.users, setup.items, setup.k, start.epochs),
    Float64Array.of(
      start.mu,
      p.learningRate,
      p.learningRateDecay,
      setup.biasRegularization,
      setup.factorRegularization,
    ),
    start.order,
    train.user,
    train.item,
    train.value,
    start.P,
    start.Q,
  ];
  await writeFile(
    file,
    Buffer.concat(parts.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))),
  );
  return file;
}

async function runCReference(binary: string, input: string): Promise<SgdRun> {
  const { stdout } = await run(binary, [input]);
  const result: SgdRun = { seconds: [], squared: [] };
  for (const line of stdout.trim().split('\n')) {
    const [seconds, squared] = line.split(' ').map(Number);
    result.seconds.push(seconds!);
    result.squared.push(squared!);
  }
  return result;
}
