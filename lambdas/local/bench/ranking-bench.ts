import { loadavg } from 'node:os';
import { evaluate, type EvaluationReport } from '../cli/evaluate-command.ts';
import type { MachineInfo } from './machine.ts';
import { describeMachine } from './machine.ts';

/** Seeds per ranking protocol: the seed-to-seed spread is as large as the anchors' margins. */
export const RANKING_SEED_COUNT = 5;

/** The anchor's per-movie split, then the per-user one for comparison. */
export const BENCH_RANKING_PROTOCOLS = [
  'ranking-stratified75',
  'ranking-stratified75-user',
] as const;
export type BenchRankingProtocol = (typeof BENCH_RANKING_PROTOCOLS)[number];

export interface RankingBench {
  date: string;
  machine: MachineInfo;
  /** 1, 5 and 15 minute load averages when the runs started. */
  loadAverage: number[];
  seeds: number[];
  /** One report per seed, in seed order. */
  runs: Record<BenchRankingProtocol, EvaluationReport[]>;
}

/**
 * Both ranking protocols under seeds firstSeed … firstSeed + 4 (42–46 by default, the anchor's
 * seed first). Each seed draws its own split and model initialisation.
 */
export async function measureRanking(options: {
  data: string;
  firstSeed: number;
  log: (line: string) => void;
}): Promise<RankingBench> {
  const loadAverage = loadavg();
  const date = new Date().toISOString();
  const seeds = Array.from({ length: RANKING_SEED_COUNT }, (_, k) => options.firstSeed + k);
  const runs: Record<BenchRankingProtocol, EvaluationReport[]> = {
    'ranking-stratified75': [],
    'ranking-stratified75-user': [],
  };
  for (const protocol of BENCH_RANKING_PROTOCOLS) {
    for (const seed of seeds) {
      options.log(`${protocol} on ${options.data}, seed ${seed}`);
      const report = await evaluate({ data: options.data, protocol, seed, progress: true });
      options.log(
        `  nDCG@10 ${report.metrics['ndcg@10']!.toFixed(4)} in ${report.timings.total_s.toFixed(1)} s`,
      );
      runs[protocol].push(report);
    }
  }
  return { date, machine: describeMachine(), loadAverage, seeds, runs };
}
