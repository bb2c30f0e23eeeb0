import { describe, expect, it } from 'vitest';
import {
  benchmarksMarkdown,
  type BenchResults,
} from '../../../../lambdas/local/bench/benchmarks-markdown.ts';
import type { EvaluationReport } from '../../../../lambdas/local/cli/evaluate-command.ts';
import { apiBudgetsFixture } from './api-budgets-fixture.ts';
import { rankingBenchFixture } from './ranking-bench-fixture.ts';

const dataset = { name: 'ml-latest-small', ratings: 100836, users: 610, items: 9742 };
const timings = { load_s: 0.5, fit_s: 10, predict_s: 0.1, total_s: 11 };
const rating: EvaluationReport = {
  dataset,
  protocol: 'rating-cv5',
  model: { name: 'biased-mf', params: {} },
  metrics: { rmse: 0.8406, mae: 0.64 },
  folds: [1, 2, 3, 4, 5].map((fold) => ({
    fold,
    rmse: 0.84,
    mae: 0.64,
    fit_s: fold,
    predict_s: 0,
  })),
  timings,
};
const ranking = rankingBenchFixture({ ndcg: [0.38], precision: [0.33] });
const phase = (name: string, seconds: number) => ({
  name,
  seconds,
  cpuSeconds: 2 * seconds,
  peakRssBytes: 2 ** 30,
  load: [1, 2] as [number, number],
});

const results = (ratings: number): BenchResults => ({
  date: '2026-11-21T20:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
  command: 'movierec bench',
  seed: 42,
  rating: {
    date: '2026-11-21T20:00:00.000Z',
    machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
    loadAverage: [1, 2, 3],
    seed: 42,
    report: rating,
  },
  ranking,
  scale: {
    date: '2026-11-21T20:10:00.000Z',
    machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
    ratings,
    users: 6400,
    items: 2400,
    factors: 64,
    epochs: 10,
    solver: 'cg',
    k: 100,
    workers: 2,
    csvBytes: 2 ** 20,
    phases: [
      phase('generate + write CSV', 1),
      phase('load', 2),
      phase('train ranking model', 30),
      phase('top-100 for every user', 4),
    ],
    trainThroughput: 1e6,
    scoreThroughput: 4e6,
    targetSeconds: 36,
    peakRssBytes: 2 ** 30,
  },
  foldIn: { items: 60000, factors: 64, liked: 5, runs: 1000, p50Ms: 8, p99Ms: 19, maxMs: 30 },
  api: apiBudgetsFixture,
});

describe('benchmarksMarkdown', () => {
  it('puts our figures beside the published anchors with ratios', () => {
    const md = benchmarksMarkdown(results(32_000_000));
    expect(md).toContain('| MovieRec biased-mf | ml-latest-small | 0.841 |');
    expect(md).toContain(`| Surprise SVD | ML-100K | 0.934 |  | ${(0.8406 / 0.934).toFixed(3)} |`);
    expect(md).toContain(
      `| BiVAE | per movie | ML-100K | 0.475 | 0.412 |  |  | ${(0.38 / 0.475).toFixed(3)} | ${(0.33 / 0.412).toFixed(3)} |`,
    );
    expect(md).toContain('rating-cv5 with seed 42, the ranking protocols with seeds 42.');
    expect(md).toContain('median fit 3.0 s per fold');
    expect(md).toContain('Test CPU');
    expect(md).toContain('| 8.0 ms | 19.0 ms | 30.0 ms |');
    expect(md).not.toContain("Scaled to ml-32m's shape");
    expect(md).toContain('<!-- scale: start -->');
    expect(md).toContain('<!-- rating: start -->');
    expect(md).toContain('## API budgets');
    expect(md).toContain('`movierec bench`');
  });

  it('extrapolates a smaller scale run to the target size', () => {
    const md = benchmarksMarkdown(results(1_000_000));
    // load 2 s × 32, train 30 s × 32, scoring 4 s × (200k·87k)/(6.4k·2.4k) = 4 × 1,132.8.
    expect(md).toContain(
      'from the wall times: load ≈ 64 s, train ≈ 960 s, top-100 ≈ 4,531 s, total ≈ 5,555 s',
    );
    expect(md).toContain('from the CPU times on 2 otherwise idle cores: load ≈ 64 s');
  });
});
