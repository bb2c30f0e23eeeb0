import { describe, expect, it } from 'vitest';
import {
  mergeWebBudgetsSection,
  WEB_SECTION_END,
  WEB_SECTION_START,
  webBudgetsSection,
} from '../../../lambdas/local/bench/web-budgets-markdown.ts';
import { eagerAssets, type WebBudgets } from '../../../lambdas/local/bench/web-budgets.ts';

describe('web budgets', () => {
  it('counts the scripts, module preloads and stylesheets index.html loads eagerly', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="/assets/index-a1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/preact-b2.js">
      <link rel="stylesheet" crossorigin href="/assets/index-c3.css">
      </head><body><script type="module" src="/assets/index-a1.js"></script></body></html>`;
    expect(eagerAssets(html)).toEqual({
      scripts: ['/assets/index-a1.js', '/assets/preact-b2.js'],
      styles: ['/assets/index-c3.css'],
    });
  });

  const budgets: WebBudgets = {
    date: '2026-11-21T00:00:00.000Z',
    machine: { cores: 2, cpu: 'test cpu', memoryGb: 4, node: 'v20.0.0' } as WebBudgets['machine'],
    loadAverage: [1, 2, 3],
    bundle: {
      initial: [{ file: 'assets/index.js', bytes: 20_000, gzipBytes: 251_000 }],
      initialGzipBytes: 251_000,
      css: [],
      lazy: [{ file: 'assets/echarts.js', bytes: 600_000, gzipBytes: 210_000 }],
      lazyGzipBytes: 210_000,
    },
    recommendations: {
      timesMs: [40, 50, 60],
      runs: 3,
      p50Ms: 50,
      p90Ms: 60,
      p99Ms: 60,
      maxMs: 60,
    },
  };

  it('puts each figure beside its budget and flags what is over', () => {
    const section = webBudgetsSection(budgets, 'movierec bench --only web');
    expect(section.startsWith(WEB_SECTION_START)).toBe(true);
    expect(section.endsWith(WEB_SECTION_END)).toBe(true);
    expect(section).toContain('| 251.0 KB | ≤ 250 KB | **over** | 210.0 KB |');
    expect(section).toContain('| 3 | 50 ms | 60 ms | 60 ms | within |');
  });

  it('replaces its own section and keeps the rest of the report', () => {
    const section = webBudgetsSection(budgets, 'bench');
    const report = `# Benchmarks\n\nintro\n\n${WEB_SECTION_START}\nold\n${WEB_SECTION_END}\n\n## After\n`;
    const merged = mergeWebBudgetsSection(report, section);
    expect(merged).toBe(`# Benchmarks\n\nintro\n\n${section}\n\n## After\n`);
    expect(mergeWebBudgetsSection('# Benchmarks\n', section)).toBe(`# Benchmarks\n\n${section}\n`);
  });
});
