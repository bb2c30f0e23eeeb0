import { describe, expect, it } from 'vitest';
import { measureIalsWorkers } from '../../../../lambdas/local/bench/ials-workers-bench.ts';
import type { TrainingBench } from '../../../../lambdas/local/bench/training-bench.ts';
import {
  mergeTrainingBenchSection,
  trainingBenchSection,
} from '../../../../lambdas/local/bench/training-bench-markdown.ts';

const bench = (wasmSeconds: number, trainSeconds: number, readySeconds: number): TrainingBench => ({
  date: '2026-12-02T07:30:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
  ials: {
    shape: {
      ratings: 5_000_000,
      epochs: 2,
      workers: 2,
      runs: 1,
      users: 32_000,
      items: 12_000,
      factors: 64,
    },
    seconds: { typescript: [40], wasm: [wasmSeconds] },
    ratingsEpochsPerSecond: { typescript: 1e7 / 40, wasm: 1e7 / wasmSeconds },
    finalLoss: { typescript: 3391155.81141, wasm: 3391155.81139 },
    load: [3, 4],
  },
  train: {
    dataset: { name: 'ml-latest-small', ratings: 100_836, users: 610, items: 9724 },
    runs: [
      { seconds: trainSeconds, load: 2 },
      { seconds: trainSeconds + 2, load: 3 },
    ],
  },
  freshStart: { readySeconds, healthSeconds: readySeconds + 0.1, load: [2, 2.5] },
});

describe('the training section', () => {
  it('gives the iALS ratio, the CLI times and each target', () => {
    const md = trainingBenchSection(bench(4, 12, 35), 'movierec bench --only training');
    expect(md.startsWith('<!-- training: start -->\n## Training on every core')).toBe(true);
    expect(md.endsWith('<!-- training: end -->')).toBe(true);
    // 10M ratings·epochs in 4 s is 2.5M/s: 10× the TypeScript path, short of the 3M goal.
    expect(md).toContain(
      '| 40.0 s (0.25M ratings·epochs/s) | 4.0 s (2.50M ratings·epochs/s) | 10.00× |',
    );
    expect(md).toContain('≥ 2.5× TypeScript: **met**; goal ≈ 3.00M: **not met** | 3.0 → 4.0 |');
    expect(md).toContain('| 12.0 s, 14.0 s | ≤ 15 s: **met** | 2.0, 3.0 |');
    expect(md).toContain('| 35.0 s (health answers at 35.1 s) | ≤ 60 s: **met** | 2.0 → 2.5 |');
  });

  it('says which targets are not met', () => {
    const md = trainingBenchSection(bench(3, 16, 61), 'movierec bench --only training');
    expect(md).toContain('goal ≈ 3.00M: **met**');
    expect(md).toContain('≤ 15 s: **not met**');
    expect(md).toContain('≤ 60 s: **not met**');
  });

  it('replaces its fenced section in the report', () => {
    const section = trainingBenchSection(bench(4, 12, 35), 'movierec bench --only training');
    const report = '# B\n\n<!-- training: start -->\nold\n<!-- training: end -->\n\n## After\n';
    expect(mergeTrainingBenchSection(report, section)).toBe(`# B\n\n${section}\n\n## After\n`);
    expect(mergeTrainingBenchSection('# B\n', section)).toBe(`# B\n\n${section}\n`);
  });
});

describe('measureIalsWorkers', () => {
  it('trains both paths on worker threads to the same loss', async () => {
    const result = await measureIalsWorkers({ ratings: 200_000, epochs: 1, workers: 2, runs: 1 });
    expect(result.shape).toMatchObject({ ratings: 200_000, users: 1280, items: 480, factors: 64 });
    expect(result.seconds.typescript).toHaveLength(1);
    expect(result.seconds.wasm).toHaveLength(1);
    expect(result.ratingsEpochsPerSecond.wasm).toBeCloseTo(200_000 / result.seconds.wasm[0]!, 6);
    expect(Math.abs(result.finalLoss.wasm / result.finalLoss.typescript - 1)).toBeLessThan(1e-5);
  });
});
