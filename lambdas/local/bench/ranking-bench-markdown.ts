import type { EvaluationReport } from '../cli/evaluate-command.ts';
import { markdownTable as table } from './markdown-table.ts';
import { median } from './percentiles.ts';
import { RANKING_ANCHORS, RANKING_ANCHOR_SOURCE } from './published-anchors.ts';
import {
  BENCH_RANKING_PROTOCOLS as protocols,
  type BenchRankingProtocol,
  type RankingBench,
} from './ranking-bench.ts';
import { seedSpread } from './seed-spread.ts';

/** The section is fenced so `movierec bench --only ranking` can replace it alone. */
export const RANKING_SECTION_START = '<!-- ranking: start -->';
export const RANKING_SECTION_END = '<!-- ranking: end -->';

const METRICS = ['ndcg@10', 'precision@10', 'recall@10', 'map@10'] as const;
const SPLITS: Record<BenchRankingProtocol, string> = {
  'ranking-stratified75': 'per movie',
  'ranking-stratified75-user': 'per user',
};

const f3 = (x: number): string => x.toFixed(3);
const f1 = (x: number): string => x.toFixed(1);

const values = (runs: EvaluationReport[], metric: string): number[] =>
  runs.map((run) => run.metrics[metric]!);

/** "mean ± sd (min–max)" of one metric over the seeds. */
function cell(runs: EvaluationReport[], metric: string): string {
  const s = seedSpread(values(runs, metric));
  return `${f3(s.mean)} ± ${f3(s.sd)} (${f3(s.min)}–${f3(s.max)})`;
}

const modelName = (runs: EvaluationReport[]): string =>
  [...new Set(runs.map((run) => run.model.name))].join(' / ');

/**
 * The "Top-N ranking" section of BENCHMARKS.md, markers included: each protocol's metrics as
 * mean ± sample standard deviation (min–max) over the seeds, beside the anchors' single runs.
 */
export function rankingSection(bench: RankingBench, command: string): string {
  const { machine, seeds } = bench;
  const anchorRuns = bench.runs['ranking-stratified75'];
  const ndcg = seedSpread(values(anchorRuns, 'ndcg@10')).mean;
  const precision = seedSpread(values(anchorRuns, 'precision@10')).mean;
  const load = bench.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  const seedRange = `${seeds[0]}–${seeds[seeds.length - 1]}`;
  return [
    RANKING_SECTION_START,
    '## Top-N ranking: `ranking-stratified75`',
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${load} (1, 5, 15 min) at the start. ` +
      '`movierec bench --only ranking` re-measures this section alone.',
    '',
    "Both splits are Microsoft Recommenders' `python_stratified_split` at ratio 0.75: " +
      '`ranking-stratified75` per movie (`filter_by="item"`, the split of the anchors\' table), ' +
      '`ranking-stratified75-user` per user. Each figure is the mean ± sample standard deviation ' +
      `over seeds ${seedRange} (min–max in brackets); each seed draws its own split and model ` +
      'initialisation. The anchors are single runs (seed 42).',
    '',
    table(
      ['model', 'split', 'dataset', 'nDCG@10', 'P@10', 'R@10', 'MAP@10', 'nDCG ratio', 'P ratio'],
      [
        ...protocols.map((protocol) => {
          const runs = bench.runs[protocol];
          const own = protocol === 'ranking-stratified75';
          return [
            `MovieRec ${modelName(runs)}`,
            SPLITS[protocol],
            runs[0]!.dataset.name,
            ...METRICS.map((metric) => cell(runs, metric)),
            own ? '1.000' : '',
            own ? '1.000' : '',
          ];
        }),
        ...RANKING_ANCHORS.map((a) => [
          a.model,
          'per movie',
          a.dataset,
          f3(a.ndcg),
          f3(a.precision),
          '',
          '',
          f3(ndcg / a.ndcg),
          f3(precision / a.precision),
        ]),
      ],
    ),
    '',
    `Anchors: ${RANKING_ANCHOR_SOURCE}. Ratios are our per-movie mean / anchor. Catalogue ` +
      `coverage (mean): ${protocols
        .map((p) => `${SPLITS[p]} ${f3(seedSpread(values(bench.runs[p], 'coverage')).mean)}`)
        .join(', ')}.`,
    `Time per seed (median): ${protocols
      .map((p) => {
        const runs = bench.runs[p];
        const fit = median(runs.map((run) => run.timings.fit_s));
        const total = median(runs.map((run) => run.timings.total_s));
        return `${SPLITS[p]} fit ${f1(fit)} s, whole run ${f1(total)} s wall`;
      })
      .join('; ')}.`,
    RANKING_SECTION_END,
  ].join('\n');
}

/** Replaces the ranking section of an existing BENCHMARKS.md, or appends it. */
export function mergeRankingSection(markdown: string, section: string): string {
  const start = markdown.indexOf(RANKING_SECTION_START);
  const end = markdown.indexOf(RANKING_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + RANKING_SECTION_END.length);
}
