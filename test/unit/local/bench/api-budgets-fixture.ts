import type { ApiBudgets } from '../../../../lambdas/local/bench/api-budgets.ts';

const latency = (p50Ms: number, runs = 5) => ({
  runs,
  p50Ms,
  p90Ms: p50Ms * 1.2,
  p99Ms: p50Ms * 1.5,
  maxMs: p50Ms * 2,
});

/** Hand-made API budget figures: one handler within every budget, one over both. */
export const apiBudgetsFixture: ApiBudgets = {
  date: '2026-11-21T20:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
  loadAverage: [2.5, 3.25, 4],
  initRuns: 5,
  handlers: [
    {
      name: 'api/api-handler',
      entry: '/repo/lambdas/handlers/api/api-handler.ts',
      file: '/repo/.local/bench/bundles/api/api-handler/index.mjs',
      bytes: 217_439,
      initExternals: ['@aws-sdk/client-dynamodb'],
      init: { total: latency(120), externals: latency(90) },
    },
    {
      name: 'pipeline/train',
      entry: '/repo/lambdas/handlers/pipeline/train.ts',
      file: '/repo/.local/bench/bundles/pipeline/train/index.mjs',
      bytes: 260_000,
      initExternals: [],
      init: { total: latency(151), externals: undefined },
    },
  ],
  compute: {
    route: '/users/{id}/recommendations',
    users: 200,
    movies: 10,
    bodyBytes: 2255,
    ...latency(0.1, 20_000),
    p99Ms: 0.42,
  },
};
