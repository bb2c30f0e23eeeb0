import type { EvaluationReport } from '../cli/evaluate-command.ts';
import type { MachineInfo } from './machine.ts';
import { markdownTable as table } from './markdown-table.ts';
import { median } from './percentiles.ts';
import { RATING_ANCHORS, RATING_ANCHOR_SOURCE } from './published-anchors.ts';

export const RATING_SECTION_START = '<!-- rating: start -->';
export const RATING_SECTION_END = '<!-- rating: end -->';
/** The section's heading, which reports written before the markers start with. */
const HEADING = '## Rating prediction: `rating-cv5`';

/** One rating-cv5 run and where it ran. */
export interface RatingBench {
  date: string;
  machine: MachineInfo;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverage: number[];
  seed: number;
  report: EvaluationReport;
}

const f3 = (x: number): string => x.toFixed(3);
const f1 = (x: number): string => x.toFixed(1);

/** The "Rating prediction" section of BENCHMARKS.md, markers included. */
export function ratingSection(bench: RatingBench, command: string): string {
  const { report: rating, machine } = bench;
  const rmse = rating.metrics.rmse!;
  const load = bench.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  return [
    RATING_SECTION_START,
    HEADING,
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${load} (1, 5, 15 min) at the start, seed ${bench.seed}. ` +
      '`movierec bench --only rating` re-measures this section alone.',
    '',
    table(
      ['model', 'dataset', 'RMSE', 'MAE', 'RMSE ratio (ours / anchor)'],
      [
        [
          `MovieRec ${rating.model.name}`,
          rating.dataset.name,
          f3(rmse),
          f3(rating.metrics.mae!),
          '1.000',
        ],
        ...RATING_ANCHORS.map((a) => [a.model, a.dataset, f3(a.rmse), '', f3(rmse / a.rmse)]),
      ],
    ),
    '',
    `Anchors: ${RATING_ANCHOR_SOURCE}. Per fold RMSE: ${rating.folds.map((fold) => f3(fold.rmse!)).join(', ')}.`,
    `Time: median fit ${f1(median(rating.folds.map((fold) => fold.fit_s!)))} s per fold, predict ` +
      `${f3(rating.timings.predict_s)} s in all, whole run ${f1(rating.timings.total_s)} s wall ` +
      `(load ${f1(rating.timings.load_s)} s).`,
    RATING_SECTION_END,
  ].join('\n');
}

/**
 * Replaces the rating section of an existing BENCHMARKS.md: between its markers, else (a report
 * from before the markers) from its heading to the next section; appends it when neither is there.
 */
export function mergeRatingSection(markdown: string, section: string): string {
  const start = markdown.indexOf(RATING_SECTION_START);
  const end = markdown.indexOf(RATING_SECTION_END, start);
  if (start >= 0 && end >= 0) {
    return markdown.slice(0, start) + section + markdown.slice(end + RATING_SECTION_END.length);
  }
  const heading = markdown.indexOf(HEADING);
  if (heading < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  const next = [
    markdown.indexOf('\n<!-- ', heading),
    markdown.indexOf('\n## ', heading + HEADING.length),
  ].filter((at) => at >= 0);
  const stop = next.length > 0 ? Math.min(...next) : markdown.length;
  return `${markdown.slice(0, heading)}${section}\n${markdown.slice(stop)}`;
}
