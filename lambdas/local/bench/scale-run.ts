import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import { toSparseMatrix } from '../../core/dataset/sparse-matrix.ts';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import type { IalsParams } from '../../core/models/ials.ts';
import type { OnProgress } from '../../core/progress.ts';
import { seconds } from '../cli/clock.ts';
import { loadDataset } from '../load-dataset.ts';
import { trainIalsParallel } from '../../threads/parallel-ials.ts';
import { topKForAllUsers } from '../../threads/parallel-top-k.ts';
import { defaultWorkerCount } from '../../threads/worker-pool.ts';
import { writeMovieLensCsv } from '../write-movielens.ts';
import { describeMachine, type MachineInfo } from './machine.ts';
import { trackPeakMemory } from './peak-memory.ts';

/** The target shape, ml-32m's: 32M ratings by 200k users of 87k movies. */
export const FULL_SCALE = { ratings: 32_000_000, users: 200_000, items: 87_000 };

/** Issue 11's targets at FULL_SCALE on 2 cores: load + train + top-100, and peak RSS. */
export const SCALE_TARGETS = { seconds: 600, peakRssBytes: 8 * 2 ** 30 };

/**
 * The iALS settings of the scale run: the defaults with the conjugate-gradient row solver, which
 * is meant for large catalogues (several times faster per epoch at k = 64, near-equal loss).
 */
export const SCALE_RANKING: Partial<IalsParams> = { solver: 'cg' };

export interface ScaleOptions {
  ratings: number;
  /** Default: FULL_SCALE's users and items scaled by ratings / FULL_SCALE.ratings (≥ 100 users). */
  users?: number;
  items?: number;
  seed: number;
  k: number;
  ranking?: Partial<IalsParams>;
  workers?: number;
  onProgress?: OnProgress;
  /** Reported when a phase starts, for a log line. */
  onPhase?: (phase: string) => void;
}

export interface ScalePhase {
  name: string;
  seconds: number;
  /** CPU seconds of the process, all threads: on a busy machine the fairer measure of work. */
  cpuSeconds: number;
  peakRssBytes: number;
  /** 1-minute load average at the phase's start and end. */
  load: [number, number];
}

export interface ScaleResult {
  date: string;
  machine: MachineInfo;
  ratings: number;
  users: number;
  items: number;
  factors: number;
  epochs: number;
  solver: string;
  k: number;
  workers: number;
  csvBytes: number;
  phases: ScalePhase[];
  /** Training ratings × epochs per second. */
  trainThroughput: number;
  /** Scored (user, item) pairs per second in the top-k phase. */
  scoreThroughput: number;
  /** The part SCALE_TARGETS.seconds covers: load + train + top-k. */
  targetSeconds: number;
  peakRssBytes: number;
}

/**
 * The scale run: generate a synthetic MovieLens set → write it as CSV → load it back with the
 * ordinary loader → train the ranking model (iALS on worker threads) → top-k for every user
 * (worker threads). Wall time and peak memory per phase.
 */
export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const fraction = options.ratings / FULL_SCALE.ratings;
  const users = options.users ?? Math.max(100, Math.round(FULL_SCALE.users * fraction));
  // Small runs keep at most 25% of user × item pairs rated, which the generator needs.
  const items =
    options.items ??
    Math.max(50, Math.round(FULL_SCALE.items * fraction), Math.ceil((4 * options.ratings) / users));
  const workers = options.workers ?? defaultWorkerCount();
  const memory = trackPeakMemory();
  const phases: ScalePhase[] = [];
  const phase = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    options.onPhase?.(name);
    memory.reset();
    const start = seconds();
    const cpu = process.cpuUsage();
    const loadStart = loadavg()[0]!;
    const result = await run();
    const used = process.cpuUsage(cpu);
    phases.push({
      name,
      seconds: seconds() - start,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssBytes: memory.peak(),
      load: [loadStart, loadavg()[0]!],
    });
    return result;
  };
  const date = new Date().toISOString();
  const folder = await mkdtemp(join(tmpdir(), 'movierec-scale-'));
  try {
    await phase('generate + write CSV', async () => {
      const generated = generateSyntheticDataset({
        users,
        items,
        ratings: options.ratings,
        seed: options.seed,
        ...(options.onProgress && { onProgress: options.onProgress }),
      });
      await writeMovieLensCsv(generated, folder);
    });
    const csvBytes = (await stat(join(folder, 'ratings.csv'))).size;
    const { dataset } = await phase('load', () =>
      loadDataset(folder, { ...(options.onProgress && { onProgress: options.onProgress }) }),
    );
    const shape = { users: userCount(dataset), items: itemCount(dataset) };
    const model = await phase('train ranking model', () =>
      trainIalsParallel(
        dataset.ratings,
        shape,
        { ...SCALE_RANKING, ...options.ranking },
        {
          seed: options.seed,
          workers,
          ...(options.onProgress && { onProgress: options.onProgress }),
        },
      ),
    );
    const seen = toSparseMatrix(dataset.ratings, shape, 'user');
    const lists = await phase(`top-${options.k} for every user`, () =>
      topKForAllUsers(
        {
          users: shape.users,
          items: shape.items,
          factors: model.itemFactors.k,
          userFactors: model.userFactors,
          itemFactors: model.itemFactors.data,
          // Items without training data are never recommended, as in IalsModel.scoreUser.
          itemBias: Float32Array.from(model.itemCounts, (n) => (n === 0 ? -Infinity : 0)),
          exclude: { indptr: seen.indptr, indices: seen.indices },
          k: options.k,
        },
        { workers, ...(options.onProgress && { onProgress: options.onProgress }) },
      ),
    );
    if (lists.items.length !== shape.users * options.k) throw new Error('top-k lists incomplete');
    memory.stop();
    const time = (name: string): number => phases.find((p) => p.name.startsWith(name))!.seconds;
    const epochs = model.lossHistory.length;
    const scoreSeconds = time('top-');
    return {
      date,
      machine: describeMachine(),
      ratings: ratingCount(dataset),
      users: shape.users,
      items: shape.items,
      factors: model.itemFactors.k,
      epochs,
      solver: model.params.solver,
      k: options.k,
      workers,
      csvBytes,
      phases,
      trainThroughput: (ratingCount(dataset) * epochs) / time('train'),
      scoreThroughput: (shape.users * shape.items) / scoreSeconds,
      targetSeconds: time('load') + time('train') + scoreSeconds,
      peakRssBytes: Math.max(...phases.map((p) => p.peakRssBytes)),
    };
  } finally {
    memory.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
