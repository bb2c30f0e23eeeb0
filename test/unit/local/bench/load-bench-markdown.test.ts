import { describe, expect, it } from 'vitest';
import {
  chooseConnections,
  type LoadBench,
  type LoadRun,
} from '../../../../lambdas/local/bench/load-bench.ts';
import {
  LOAD_SECTION_END,
  LOAD_SECTION_START,
  loadBenchSection,
  mergeLoadBenchSection,
} from '../../../../lambdas/local/bench/load-bench-markdown.ts';

const run = (connections: number, rps: number, p99Ms: number, errors = 0): LoadRun => ({
  connections,
  pipelining: 1,
  durationS: 5,
  requests: rps * 5,
  requestsPerSecond: rps,
  p50Ms: 2,
  p90Ms: 4,
  p99Ms,
  maxMs: p99Ms * 2,
  errors,
  timeouts: 0,
  non2xx: 0,
});

describe('chooseConnections', () => {
  it('takes the highest clean throughput within the p99 target', () => {
    expect(chooseConnections([run(1, 300, 5), run(2, 600, 12), run(4, 650, 70)])).toBe(2);
  });

  it('takes the knee: the fewest connections within 5% of the best throughput', () => {
    expect(
      chooseConnections([run(4, 900, 11), run(8, 1000, 20), run(16, 1060, 31), run(32, 1100, 45)]),
    ).toBe(16);
  });

  it('never takes a run with errors', () => {
    expect(chooseConnections([run(1, 300, 5), run(2, 900, 12, 3)])).toBe(1);
  });

  it('falls back to the best clean run when none is within the target', () => {
    expect(chooseConnections([run(1, 100, 80), run(2, 150, 90)])).toBe(2);
  });
});

describe('loadBenchSection', () => {
  const bench: LoadBench = {
    date: '2026-11-21T22:00:00.000Z',
    machine: { cpu: 'AMD EPYC', cores: 2, memoryGb: 8, node: 'v20.20.2', os: 'linux' },
    loadAverage: [1, 2, 3],
    route: '/api/users/{id}/recommendations',
    users: 610,
    search: [run(1, 300, 5), run(2, 612.4, 12)],
    final: { ...run(2, 612.4, 12), durationS: 30, requests: 18_372 },
  };
  const md = loadBenchSection(bench, 'movierec bench --only load');

  it('reports the final run against the targets, and the search', () => {
    expect(md.startsWith(LOAD_SECTION_START)).toBe(true);
    expect(md.endsWith(LOAD_SECTION_END)).toBe(true);
    expect(md).toContain('| 2 | 30 s | 18,372 | 612 | 2 ms | 4 ms | 12 ms | 24 ms | 0 | 0 |');
    expect(md).toContain('| 1 | 5 s | 1,500 | 300 | 2 ms | 4 ms | 5 ms | 10 ms | 0 | 0 |');
    expect(md).toContain('≥ 500 req/s with p99 ≤ 50 ms and no errors: **met**');
    expect(md).toContain('610 users');
  });

  it('says when the target is not met', () => {
    const slow = loadBenchSection({ ...bench, final: run(2, 400, 12) }, 'x');
    expect(slow).toContain('**not met**');
  });
});

describe('mergeLoadBenchSection', () => {
  const section = `${LOAD_SECTION_START}\nnew\n${LOAD_SECTION_END}`;

  it('replaces only the fenced section', () => {
    const old = `# Benchmarks\n\nbefore\n\n${LOAD_SECTION_START}\nold\n${LOAD_SECTION_END}\n\nafter\n`;
    expect(mergeLoadBenchSection(old, section)).toBe(
      `# Benchmarks\n\nbefore\n\n${section}\n\nafter\n`,
    );
  });

  it('appends the section to a report without one', () => {
    expect(mergeLoadBenchSection('# Benchmarks\n', section)).toBe(`# Benchmarks\n\n${section}\n`);
  });
});
