import { itemCount, ratingCount, userCount } from '../../core/dataset/dataset.ts';
import type { TrialResult } from '../../core/tuning/model-tuning.ts';
import { SEARCH_SPACES } from '../../core/tuning/search-space.ts';
import type { TuningProtocol } from '../../core/tuning/tune-protocol.ts';
import { TUNING_PROTOCOLS, tuneUnderProtocol } from '../../core/tuning/tune-protocol.ts';
import { loadDataset } from '../load-dataset.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { seconds } from './clock.ts';
import { formatCell } from './text-table.ts';

/** The `tune --json` document, exactly this shape. */
export interface TuningReport {
  protocol: TuningProtocol;
  trials: { params: Record<string, number>; metrics: Record<string, number>; seconds: number }[];
  best: { params: Record<string, number>; metrics: Record<string, number> };
}

export interface TuneOptions {
  data: string;
  protocol: TuningProtocol;
  trials: number;
  seed: number;
  /** Progress bars (still only on a TTY). */
  progress: boolean;
  /** Each finished trial and the lines around the trials (stdout without --json). */
  print?: (line: string) => void;
}

/**
 * `movierec tune`: loads the dataset and tunes the protocol's model on its training part
 * (tuneUnderProtocol), printing each trial as it ends and the best at the end.
 */
export async function tune(options: TuneOptions): Promise<TuningReport> {
  const reporter = createProgressReporter({ enabled: options.progress });
  const print = options.print;
  try {
    const start = seconds();
    const { dataset } = await loadDataset(options.data, { onProgress: reporter.onProgress });
    print?.(
      `dataset   ${dataset.name}: ${formatCell(ratingCount(dataset))} ratings, ${formatCell(userCount(dataset))} users, ${formatCell(itemCount(dataset))} items`,
    );
    print?.(
      `protocol  ${options.protocol}: ${options.trials} trials on a validation split of its training part`,
    );
    const metric = SEARCH_SPACES[TUNING_PROTOCOLS[options.protocol]].metric.name;
    const tuning = tuneUnderProtocol(dataset, {
      protocol: options.protocol,
      trials: options.trials,
      seed: options.seed,
      now: seconds,
      onProgress: reporter.onProgress,
      ...(print && { onTrial: (trial: TrialResult) => print(formatTrial(trial, metric)) }),
    });
    print?.(`best      ${formatTrial(tuning.best, metric)}`);
    print?.(`time      ${(seconds() - start).toFixed(1)} s`);
    return {
      protocol: tuning.protocol,
      trials: tuning.trials.map(({ params, metrics, seconds }) => ({ params, metrics, seconds })),
      best: { params: tuning.best.params, metrics: tuning.best.metrics },
    };
  } finally {
    reporter.stop();
  }
}

/** "trial 3  rmse 0.8712  factors=64 epochs=20 …  12.3 s" (the time when given). */
function formatTrial(
  trial: Omit<TrialResult, 'seconds'> & { seconds?: number },
  metric: string,
): string {
  const params = Object.entries(trial.params)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const time = trial.seconds === undefined ? '' : `  ${trial.seconds.toFixed(1)} s`;
  return `trial ${trial.trial}  ${metric} ${(trial.metrics[metric] ?? NaN).toFixed(4)}  ${params}${time}`;
}
