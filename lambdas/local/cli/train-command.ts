import { basename, resolve } from 'node:path';
import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import type { HoldoutMetrics } from '../../app/holdout-metrics.ts';
import { trainModelVersion } from '../../app/train-model-version.ts';
import { ialsOnWorkers } from '../../threads/parallel-ials.ts';
import { ratingModelOnWorker } from '../../threads/rating-model-on-worker.ts';
import { defaultWorkerCount } from '../../threads/worker-pool.ts';
import { loadDataset } from '../load-dataset.ts';
import { writeModelFolder } from '../model-folder.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { seconds } from './clock.ts';
import { formatCell, textTable } from './text-table.ts';

export interface TrainOptions {
  data: string;
  /** The version folder to create; its name is the version id. */
  out: string;
  seed: number;
  progress: boolean;
  overwrite?: boolean;
  /** See TrainModelVersionOptions.refit (default true). */
  refit?: boolean;
  /** Threads training iALS; from 2 the rating model trains on one of its own (default one per core). */
  workers?: number;
}

export interface TrainSummary {
  version: string;
  folder: string;
  dataset: { name: string; ratings: number; users: number; items: number };
  metrics: HoldoutMetrics;
  refit: boolean;
  /** Bytes per artifact role (all its array files) plus the manifest. */
  sizes: Record<string, number>;
  timings: Record<string, number>;
}

/** Loads a dataset, trains a model version and writes it to its folder. */
export async function trainToFolder(options: TrainOptions): Promise<TrainSummary> {
  const reporter = createProgressReporter({ enabled: options.progress });
  try {
    const start = seconds();
    const { dataset } = await loadDataset(options.data, { onProgress: reporter.onProgress });
    const load_s = seconds() - start;
    const folder = resolve(options.out);
    const version = basename(folder);
    const trained = await trainModelVersion(dataset, {
      version,
      createdAt: new Date(),
      seed: options.seed,
      now: seconds,
      onProgress: reporter.onProgress,
      refit: options.refit ?? true,
      ials: ialsOnWorkers(options.workers ?? defaultWorkerCount()),
      ratingTrainer: ratingModelOnWorker(options.workers ?? defaultWorkerCount()),
    });
    const writeStart = seconds();
    await writeModelFolder(folder, trained.files, { overwrite: options.overwrite ?? false });
    const sizes: Record<string, number> = {};
    for (const [name, bytes] of trained.files) {
      const part = name.split('.')[0]!;
      sizes[part] = (sizes[part] ?? 0) + bytes.byteLength;
    }
    return {
      version,
      folder,
      dataset: {
        name: dataset.name,
        ratings: ratingCount(dataset),
        users: userCount(dataset),
        items: itemCount(dataset),
      },
      metrics: trained.metrics,
      refit: options.refit ?? true,
      sizes,
      timings: {
        load_s,
        ...trained.timings,
        write_s: seconds() - writeStart,
        total_s: seconds() - start,
      },
    };
  } finally {
    reporter.stop();
  }
}

export function formatTrainSummary(summary: TrainSummary): string {
  const { dataset, metrics, sizes, timings } = summary;
  const metricNames = Object.keys(metrics) as (keyof HoldoutMetrics)[];
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MB`;
  return [
    `model version ${summary.version} → ${summary.folder}`,
    `trained on   ${dataset.name}: ${formatCell(dataset.ratings)} ratings, ${formatCell(dataset.users)} users, ${formatCell(dataset.items)} movies`,
    '',
    summary.refit
      ? 'holdout (10% of each user; the models were then refitted on all ratings):'
      : 'holdout (10% of each user; the version keeps the models fitted on the other 90%):',
    textTable(metricNames, [metricNames.map((name) => metrics[name])]),
    '',
    `size  ${mb(total)}: ${Object.entries(sizes)
      .map(([part, bytes]) => `${part} ${mb(bytes)}`)
      .join(', ')}`,
    `time  ${Object.entries(timings)
      .map(([phase, s]) => `${phase.replace(/_s$/, '').replace(/_/g, ' ')} ${s.toFixed(2)} s`)
      .join(', ')}`,
  ].join('\n');
}
