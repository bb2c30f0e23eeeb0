import { describe, expect, it } from 'vitest';
import {
  API_SECTION_END,
  API_SECTION_START,
  apiBudgetsSection,
  mergeApiBudgetsSection,
} from '../../../../lambdas/local/bench/api-budgets-markdown.ts';
import { apiBudgetsFixture } from './api-budgets-fixture.ts';

describe('apiBudgetsSection', () => {
  const md = apiBudgetsSection(apiBudgetsFixture, 'movierec bench --only api');

  it('puts each handler beside the size and init budgets', () => {
    expect(md.startsWith(API_SECTION_START)).toBe(true);
    expect(md.endsWith(API_SECTION_END)).toBe(true);
    expect(md).toContain(
      '| `api/api-handler` | 217.4 KB | within | 120 ms | 144 ms | 90 ms | within |',
    );
    expect(md).toContain(
      '| `pipeline/train` | 260.0 KB | **over** | 151 ms | 181 ms | – | **over** |',
    );
    expect(md).toContain('Budget ≤ 250 KB');
    expect(md).toContain('median ≤ 150 ms');
  });

  it('reports the compute in microseconds against the p99 budget, with the machine load', () => {
    expect(md).toContain('| 100 µs | 120 µs | 420 µs | 200 µs | within |');
    expect(md).toContain('p99 ≤ 1 ms');
    expect(md).toContain('20,000 requests');
    expect(md).toContain('load average 2.5 / 3.3 / 4.0');
  });
});

describe('mergeApiBudgetsSection', () => {
  const section = `${API_SECTION_START}\nnew\n${API_SECTION_END}`;

  it('replaces only the fenced section', () => {
    const old = `# Benchmarks\n\nbefore\n\n${API_SECTION_START}\nold\n${API_SECTION_END}\n\nafter\n`;
    expect(mergeApiBudgetsSection(old, section)).toBe(
      `# Benchmarks\n\nbefore\n\n${section}\n\nafter\n`,
    );
  });

  it('appends the section to a report without one', () => {
    expect(mergeApiBudgetsSection('# Benchmarks\n\ntext\n', section)).toBe(
      `# Benchmarks\n\ntext\n\n${section}\n`,
    );
  });
});
