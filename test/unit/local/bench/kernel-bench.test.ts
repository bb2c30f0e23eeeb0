import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  measureKernels,
  type KernelBenchShape,
} from '../../../../lambdas/local/bench/kernel-bench.ts';
import {
  KERNELS_SECTION_END,
  KERNELS_SECTION_START,
  kernelBenchSection,
  mergeKernelBenchSection,
} from '../../../../lambdas/local/bench/kernel-bench-markdown.ts';

const TINY: KernelBenchShape = {
  scoring: { users: 37, items: 300, factors: 13, k: 10, seen: 20 },
  sgd: { users: 60, items: 80, ratings: 2000, epochs: 3 },
  ials: { users: 50, items: 80, ratings: 1500, factors: 7, cgSteps: 2 },
  inverse: { n: 40 },
  gramian: { rows: 90, factors: 5 },
  easeGram: { users: 40, items: 30, ratings: 300 },
  runs: 2,
};

const hasGcc = (() => {
  try {
    execFileSync('gcc', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('the kernels bench', () => {
  it('measures both kernels, and the C reference computes the same SGD epochs', async () => {
    const bench = await measureKernels({ seed: 3, log: () => {} }, TINY);
    expect(bench.scoring.typescript).toBeGreaterThan(0);
    expect(bench.scoring.wasm).toBeGreaterThan(0);
    for (const solver of ['cholesky', 'cg'] as const) {
      expect(bench.ials[solver].typescript).toBeGreaterThan(0);
      expect(bench.ials[solver].wasm).toBeGreaterThan(0);
    }
    expect(bench.inverse.typescript).toBeGreaterThan(0);
    expect(bench.inverse.wasm).toBeGreaterThan(0);
    for (const kernel of ['typescript', 'wasm'] as const) {
      expect(bench.gramian[kernel]).toBeGreaterThan(0);
      expect(bench.easeGram[kernel]).toBeGreaterThan(0);
    }
    expect(bench.sgd.wasm).toBeGreaterThan(0);
    expect(bench.sgdLossDifference.wasm).toBeLessThan(1e-9);
    if (hasGcc) {
      expect(bench.sgd.c).toBeGreaterThan(0);
      expect(bench.sgdLossDifference.c).toBeLessThan(1e-9);
    } else {
      expect(bench.sgd.c).toBeNull();
      expect(bench.sgd.cNote).toMatch(/skipped/);
    }

    const section = kernelBenchSection(bench, 'movierec bench --only kernels');
    expect(section.startsWith(KERNELS_SECTION_START)).toBe(true);
    expect(section.endsWith(KERNELS_SECTION_END)).toBe(true);
    expect(section).toContain('top-10 scoring');
    expect(section).toContain('37 users × 300 items, k=13');
    expect(section).toContain('iALS epoch, CG (2 steps)');
    expect(section).toContain('iALS epoch, Cholesky');
    expect(section).toContain("EASE's SPD inverse, one thread | 40 × 40");
    expect(section).toContain("iALS's Gramian, one thread | 90 rows, k=5");
    expect(section).toContain(
      "EASE's Gram matrix XᵀX, one thread | 40 users × 30 items, 300 ratings",
    );
    expect(section).toContain(hasGcc ? 'gcc -O3' : 'no gcc');

    const report = `# Benchmarks\n\n${KERNELS_SECTION_START}\nold\n${KERNELS_SECTION_END}\n\n## After\n`;
    const merged = mergeKernelBenchSection(report, section);
    expect(merged).not.toContain('\nold\n');
    expect(merged).toContain(section);
    expect(merged).toContain('## After');
    expect(mergeKernelBenchSection('# Benchmarks\n', section)).toBe(`# Benchmarks\n\n${section}\n`);
  });
});
