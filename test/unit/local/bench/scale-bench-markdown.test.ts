import { describe, expect, it } from 'vitest';
import {
  mergeScaleBenchSection,
  scaleBenchSection,
} from '../../../../lambdas/local/bench/scale-bench-markdown.ts';
import type { ScaleResult } from '../../../../lambdas/local/bench/scale-run.ts';

const phase = (name: string, seconds: number, load: [number, number]) => ({
  name,
  seconds,
  cpuSeconds: 2 * seconds,
  peakRssBytes: 3 * 2 ** 30,
  load,
});

const scale = (targetSeconds: number, peakRssBytes: number): ScaleResult => ({
  date: '2026-12-02T07:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
  ratings: 32_000_000,
  users: 200_000,
  items: 87_000,
  factors: 64,
  epochs: 10,
  solver: 'cg',
  k: 100,
  workers: 2,
  csvBytes: 850 * 2 ** 20,
  phases: [
    phase('generate + write CSV', 60, [3, 4]),
    phase('load', 20, [4, 4.5]),
    phase('train ranking model', 300, [4.5, 6]),
    phase('top-100 for every user', 100, [6, 5]),
  ],
  trainThroughput: 1e6,
  scoreThroughput: 1.7e8,
  targetSeconds,
  peakRssBytes,
});

describe('scaleBenchSection', () => {
  it('reports each phase with its load and the targets at the full shape as met', () => {
    const md = scaleBenchSection(scale(420, 3 * 2 ** 30), 'movierec bench --only scale');
    expect(md.startsWith('<!-- scale: start -->\n## Scale:')).toBe(true);
    expect(md.endsWith('<!-- scale: end -->')).toBe(true);
    expect(md).toContain('| train ranking model | 300.0 s | 600.0 s | 3.00 GB | 4.5 → 6.0 |');
    expect(md).toContain("**420.0 s** wall (target at ml-32m's shape: ≤ 600 s, **met**)");
    expect(md).toContain('peak RSS **3.00 GB** (target ≤ 8.00 GB, **met**)');
    expect(md).toContain('by `movierec bench --only scale` on 2 cores (Test CPU)');
    // CPU of load, train and top-100: 40 + 600 + 200 s, on 2 cores 420 s.
    expect(md).toContain(
      '- CPU time of load + train + top-100: 840.0 s, so ≈ 420.0 s on 2 otherwise idle cores',
    );
    expect(md).not.toContain('Scaled to');
  });

  it('says which full-shape target is not met', () => {
    const md = scaleBenchSection(scale(601, 9 * 2 ** 30), 'movierec bench --only scale');
    expect(md).toContain('≤ 600 s, **not met**');
    expect(md).toContain('(target ≤ 8.00 GB, **not met**)');
  });
});

describe('mergeScaleBenchSection', () => {
  const section = scaleBenchSection(scale(420, 2 ** 30), 'movierec bench --only scale');

  it('replaces the fenced section and keeps the rest of the report', () => {
    const report =
      '# Benchmarks\n\nintro\n\n<!-- scale: start -->\nold\n<!-- scale: end -->\n\n## Next\n';
    const merged = mergeScaleBenchSection(report, section);
    expect(merged).toBe(`# Benchmarks\n\nintro\n\n${section}\n\n## Next\n`);
  });

  it('appends the section to a report without one', () => {
    expect(mergeScaleBenchSection('# Benchmarks\n', section)).toBe(`# Benchmarks\n\n${section}\n`);
  });
});
