import { describe, expect, it } from 'vitest';
import type { LoadRun } from '../../../../lambdas/local/bench/load-bench.ts';
import type { ProfileBench } from '../../../../lambdas/local/bench/profile-bench.ts';
import {
  mergeProfileBenchSection,
  PROFILE_SECTION_END,
  PROFILE_SECTION_START,
  profileBenchSection,
} from '../../../../lambdas/local/bench/profile-bench-markdown.ts';

const run = (connections: number, rps: number, p99Ms: number, non2xx = 0): LoadRun => ({
  connections,
  pipelining: 1,
  durationS: 30,
  requests: rps * 30,
  requestsPerSecond: rps,
  p50Ms: 3,
  p90Ms: 8,
  p99Ms,
  maxMs: p99Ms * 2,
  errors: 0,
  timeouts: 0,
  non2xx,
});

const bench = (writes: LoadRun, recommendations: LoadRun): ProfileBench => ({
  date: '2026-12-02T05:00:00.000Z',
  machine: { cores: 2, cpu: 'Test CPU', memoryGb: 8, node: 'v20.20.2', os: 'linux' },
  loadAverage: [1, 2, 3],
  profiles: 1000,
  ratingsPerProfile: 5,
  writes: { route: 'PUT /api/profiles/{id}/ratings/{movieId}', search: [writes], final: writes },
  recommendations: {
    route: 'GET /api/profiles/{id}/recommendations',
    search: [recommendations],
    final: recommendations,
  },
});

describe('profileBenchSection', () => {
  it('reports both final runs and whether the targets are met', () => {
    const section = profileBenchSection(bench(run(8, 420, 30), run(4, 250, 41)), 'movierec bench');
    expect(section.startsWith(PROFILE_SECTION_START)).toBe(true);
    expect(section.endsWith(PROFILE_SECTION_END)).toBe(true);
    expect(section).toContain('**met**');
    expect(section).toContain(
      '| `PUT /api/profiles/{id}/ratings/{movieId}` | 8 | 30 s | 12,600 | 420 |',
    );
  });

  it('is not met below 300 writes/s, above 50 ms p99 or with any non-2xx answer', () => {
    for (const [writes, recommendations] of [
      [run(8, 290, 30), run(4, 250, 41)],
      [run(8, 420, 30), run(4, 250, 51)],
      [run(8, 420, 30, 1), run(4, 250, 41)],
    ] as const) {
      expect(profileBenchSection(bench(writes, recommendations), 'x')).toContain('**not met**');
    }
  });

  it('replaces its own section of the report, or appends it', () => {
    const section = profileBenchSection(bench(run(8, 420, 30), run(4, 250, 41)), 'x');
    const appended = mergeProfileBenchSection('# Benchmarks\n', section);
    expect(appended).toBe(`# Benchmarks\n\n${section}\n`);
    const replaced = mergeProfileBenchSection(
      `${appended}\nafter\n`,
      `${PROFILE_SECTION_START}new${PROFILE_SECTION_END}`,
    );
    expect(replaced).toBe(
      `# Benchmarks\n\n${PROFILE_SECTION_START}new${PROFILE_SECTION_END}\n\nafter\n`,
    );
  });
});
