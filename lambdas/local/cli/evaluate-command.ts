import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import { evaluateRankingHeldoutUsers } from '../../core/evaluation/ranking-heldout-users.ts';
import { evaluateRankingStratified75 } from '../../core/evaluation/ranking-stratified75.ts';
import { evaluateRatingCv5 } from '../../core/evaluation/rating-cv5.ts';
import { loadDataset } from '../load-dataset.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { seconds } from './clock.ts';
import type { Protocol } from './protocols.ts';
import { formatCell, textTable } from './text-table.ts';

/** The `evaluate --json` document: one object, stable keys, comparable across datasets. */
export interface EvaluationReport {
  dataset: { name: string; ratings: number; users: number; items: number };
  protocol: Protocol;
  model: { name: string; params: Record<string, unknown> };
  metrics: Record<string, number>;
  /** Other scorers judged on the same data (ranking-heldout-users: EASE, popularity). */
  baselines?: Record<string, Record<string, number>>;
  folds: Record<string, number>[];
  timings: { load_s: number; fit_s: number; predict_s: number; total_s: number };
}

export interface EvaluateOptions {
  data: string;
  protocol: Protocol;
  seed: number;
  /** Tune inside each training fold with this many trials (not for ranking-heldout-users). */
  tune?: number;
  /** Show progress bars (still only on a TTY). */
  progress: boolean;
}

export async function evaluate(options: EvaluateOptions): Promise<EvaluationReport> {
  const reporter = createProgressReporter({ enabled: options.progress });
  try {
    const start = seconds();
    const { dataset } = await loadDataset(options.data, { onProgress: reporter.onProgress });
    const load_s = seconds() - start;
    const run = { seed: options.seed, now: seconds, onProgress: reporter.onProgress };
    const tune = options.tune === undefined ? {} : { tune: options.tune };
    const result =
      options.protocol === 'rating-cv5'
        ? evaluateRatingCv5(dataset, { ...run, ...tune })
        : options.protocol === 'ranking-heldout-users'
          ? evaluateRankingHeldoutUsers(dataset, run)
          : evaluateRankingStratified75(dataset, { ...run, ...tune, protocol: options.protocol });
    const total_s = seconds() - start;
    return {
      dataset: {
        name: dataset.name,
        ratings: ratingCount(dataset),
        users: userCount(dataset),
        items: itemCount(dataset),
      },
      protocol: options.protocol,
      model: { name: result.model.name, params: { ...result.model.params } },
      metrics: { ...result.metrics },
      ...('baselines' in result && {
        baselines: {
          ease: { ...result.baselines.ease },
          popularity: { ...result.baselines.popularity },
        },
      }),
      folds: result.folds.map((fold) => ({ ...fold })),
      timings: {
        load_s,
        fit_s: result.timings.fit_s,
        predict_s: result.timings.predict_s,
        total_s,
      },
    };
  } finally {
    reporter.stop();
  }
}

/** The human-readable form of a report. */
export function formatEvaluation(report: EvaluationReport): string {
  const { dataset, model, metrics, folds, timings } = report;
  const params = Object.entries(model.params)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join(' ');
  const scored = folds.length === 1 ? folds[0]!.users : undefined;
  const lines = [
    `dataset   ${dataset.name}: ${formatCell(dataset.ratings)} ratings, ${formatCell(dataset.users)} users, ${formatCell(dataset.items)} items`,
    `protocol  ${report.protocol}`,
    ...(scored === undefined ? [] : [`users     ${formatCell(scored)} held out and scored`]),
    `model     ${model.name} ${params}`,
    '',
  ];
  const metricNames = Object.keys(metrics);
  if (folds.length > 1) {
    const keys = Object.keys(folds[0]!);
    lines.push(
      textTable(
        keys,
        folds.map((fold) => keys.map((key) => fold[key] ?? '')),
      ),
      '',
    );
  }
  const baselines = Object.entries(report.baselines ?? {});
  lines.push(
    baselines.length === 0
      ? textTable(metricNames, [metricNames.map((name) => metrics[name]!)])
      : textTable(
          ['scorer', ...metricNames],
          [
            [model.name, ...metricNames.map((name) => metrics[name]!)],
            ...baselines.map(([name, values]) => [
              name,
              ...metricNames.map((m) => values[m] ?? ''),
            ]),
          ],
        ),
    '',
    `time      load ${timings.load_s.toFixed(2)} s, fit ${timings.fit_s.toFixed(2)} s, ` +
      `predict ${timings.predict_s.toFixed(2)} s, total ${timings.total_s.toFixed(2)} s`,
  );
  return lines.join('\n');
}
