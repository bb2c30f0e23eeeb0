import { describe, expect, it } from 'vitest';
import {
  mergeRatingSection,
  ratingSection,
  type RatingBench,
} from '../../../../lambdas/local/bench/rating-bench-markdown.ts';

const bench = (rmse: number): RatingBench => ({
  date: '2026-12-02T11:00:00.000Z',
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 16, node: 'v20.0.0', os: 'linux' },
  loadAverage: [1.5, 2, 2.5],
  seed: 42,
  report: {
    dataset: { name: 'ml-latest-small', ratings: 100836, users: 610, items: 9742 },
    protocol: 'rating-cv5',
    model: { name: 'rating-model', params: {} },
    metrics: { rmse, mae: 0.636 },
    folds: [1, 2, 3, 4, 5].map((fold) => ({
      fold,
      rmse,
      mae: 0.636,
      fit_s: fold / 2,
      predict_s: 0,
    })),
    timings: { load_s: 0.2, fit_s: 7.5, predict_s: 0.04, total_s: 4.9 },
  },
});

const LEGACY = [
  '# Benchmarks',
  '',
  '## Rating prediction: `rating-cv5`',
  '',
  '| MovieRec biased-mf | ml-latest-small | 0.848 | 0.648 | 1.000 |',
  'Time: median fit 1.5 s per fold.',
  '',
  '<!-- ranking: start -->',
  '## Top-N ranking',
  '<!-- ranking: end -->',
  '',
].join('\n');

describe('ratingSection', () => {
  it('reports the run beside the anchors, with where and when it ran', () => {
    const md = ratingSection(bench(0.8316), 'movierec bench --only rating');
    expect(md.startsWith('<!-- rating: start -->\n## Rating prediction')).toBe(true);
    expect(md.endsWith('<!-- rating: end -->')).toBe(true);
    expect(md).toContain('| MovieRec rating-model | ml-latest-small | 0.832 | 0.636 | 1.000 |');
    expect(md).toContain(`| Surprise SVD | ML-100K | 0.934 |  | ${(0.8316 / 0.934).toFixed(3)} |`);
    expect(md).toContain('load average 1.5 / 2.0 / 2.5');
    expect(md).toContain('median fit 1.5 s per fold');
  });
});

describe('mergeRatingSection', () => {
  it('replaces a report’s section from before the markers, keeping what follows', () => {
    const merged = mergeRatingSection(LEGACY, ratingSection(bench(0.8316), 'x'));
    expect(merged).not.toContain('biased-mf');
    expect(merged).toContain('| MovieRec rating-model | ml-latest-small | 0.832 |');
    expect(merged.indexOf('<!-- rating: end -->')).toBeLessThan(merged.indexOf('<!-- ranking'));
    expect(merged).toContain('<!-- ranking: start -->\n## Top-N ranking\n<!-- ranking: end -->');
  });

  it('replaces the marked section on the next run and appends it where there is none', () => {
    const once = mergeRatingSection(LEGACY, ratingSection(bench(0.8316), 'x'));
    const twice = mergeRatingSection(once, ratingSection(bench(0.82), 'x'));
    expect(twice).not.toContain('0.832 |');
    expect(twice.match(/<!-- rating: start -->/g)).toHaveLength(1);
    expect(twice).toBe(mergeRatingSection(LEGACY, ratingSection(bench(0.82), 'x')));
    const appended = mergeRatingSection('# Benchmarks\n', ratingSection(bench(0.8316), 'x'));
    expect(appended.startsWith('# Benchmarks\n\n<!-- rating: start -->')).toBe(true);
  });
});
