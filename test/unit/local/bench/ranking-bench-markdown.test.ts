import { describe, expect, it } from 'vitest';
import {
  mergeRankingSection,
  rankingSection,
  RANKING_SECTION_END,
  RANKING_SECTION_START,
} from '../../../../lambdas/local/bench/ranking-bench-markdown.ts';
import { rankingBenchFixture } from './ranking-bench-fixture.ts';

// nDCG@10 over five seeds: mean 0.40, deviations −0.02 −0.01 0 0.01 0.02 → Σ² = 0.001,
// sample sd √(0.001 / 4) = 0.0158. P@10: mean 0.35, all deviations 0.
const bench = rankingBenchFixture({
  ndcg: [0.38, 0.39, 0.4, 0.41, 0.42],
  precision: [0.35, 0.35, 0.35, 0.35, 0.35],
});

describe('rankingSection', () => {
  const md = rankingSection(bench, 'movierec bench --only ranking');

  it('reports mean ± sd (min–max) over the seeds for both splits', () => {
    expect(md).toContain(
      '| MovieRec ease+ials | per movie | ml-latest-small | 0.400 ± 0.016 (0.380–0.420) | ' +
        '0.350 ± 0.000 (0.350–0.350) | 0.200 ± 0.000 (0.200–0.200) | 0.100 ± 0.000 (0.100–0.100) | 1.000 | 1.000 |',
    );
    expect(md).toContain(
      '| MovieRec ease+ials | per user | ml-latest-small | 0.410 ± 0.016 (0.390–0.430) | 0.360 ± 0.000 (0.360–0.360) |',
    );
    expect(md).toContain('over seeds 42–46');
  });

  it('puts the anchors beside the per-movie means', () => {
    // 0.400 / 0.475 and 0.350 / 0.412.
    expect(md).toContain('| BiVAE | per movie | ML-100K | 0.475 | 0.412 |  |  | 0.842 | 0.850 |');
  });

  it('states the machine, its load and the median time per seed', () => {
    expect(md).toContain('on 2 cores (Test CPU), Node v20.0.0, load average 1.5 / 1.3 / 1.0');
    // Fits 10..14 s, runs 11.5..15.5 s: medians 12 and 13.5.
    expect(md).toContain('per movie fit 12.0 s, whole run 13.5 s wall');
    expect(md.startsWith(RANKING_SECTION_START)).toBe(true);
    expect(md.endsWith(RANKING_SECTION_END)).toBe(true);
  });
});

describe('mergeRankingSection', () => {
  it('replaces the fenced section and keeps the rest', () => {
    const before = `# Benchmarks\n\nintro\n\n${RANKING_SECTION_START}\nold\n${RANKING_SECTION_END}\n\n## Scale\n`;
    expect(
      mergeRankingSection(before, `${RANKING_SECTION_START}\nnew\n${RANKING_SECTION_END}`),
    ).toBe(
      `# Benchmarks\n\nintro\n\n${RANKING_SECTION_START}\nnew\n${RANKING_SECTION_END}\n\n## Scale\n`,
    );
  });

  it('appends the section to a report without one', () => {
    expect(mergeRankingSection('# Benchmarks\n', 'section')).toBe('# Benchmarks\n\nsection\n');
  });
});
