import type { EvaluationReport } from '../../../../lambdas/local/cli/evaluate-command.ts';
import type { RankingBench } from '../../../../lambdas/local/bench/ranking-bench.ts';

const dataset = { name: 'ml-latest-small', ratings: 100836, users: 610, items: 9742 };

/**
 * Ranking runs with the given nDCG@10 and P@10 per seed (one seed each, starting at 42); recall,
 * MAP and coverage are fixed, the per-user runs score 0.01 higher, fits take 10 + seed index s.
 */
export function rankingBenchFixture(figures: {
  ndcg: number[];
  precision: number[];
}): RankingBench {
  const seeds = figures.ndcg.map((_, k) => 42 + k);
  const run = (
    protocol: 'ranking-stratified75' | 'ranking-stratified75-user',
    lift: number,
  ): EvaluationReport[] =>
    seeds.map((_, k) => ({
      dataset,
      protocol,
      model: { name: 'ease+ials', params: {} },
      metrics: {
        'precision@10': figures.precision[k]! + lift,
        'recall@10': 0.2,
        'ndcg@10': figures.ndcg[k]! + lift,
        'map@10': 0.1,
        coverage: 0.05,
      },
      folds: [],
      timings: { load_s: 0.5, fit_s: 10 + k, predict_s: 1, total_s: 11.5 + k },
    }));
  return {
    date: '2026-11-21T20:00:00.000Z',
    machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
    loadAverage: [1.5, 1.25, 1],
    seeds,
    runs: {
      'ranking-stratified75': run('ranking-stratified75', 0),
      'ranking-stratified75-user': run('ranking-stratified75-user', 0.01),
    },
  };
}
