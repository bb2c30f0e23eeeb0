import { describe, expect, it } from 'vitest';
import {
  activityHeatmapOption,
  genreOverTimeOption,
  lossOption,
  topGenres,
} from '../../../frontend/src/view/chart-options.ts';
import { chartPalette, themed } from '../../../frontend/src/view/chart-theme.ts';
import { lossOf, metricColumns, metricLabel } from '../../../frontend/src/view/model-metrics.ts';

type Series = { name: string; data: (number | null)[]; yAxisIndex?: number }[];

describe('chart options', () => {
  const genreYears = [
    { genre: 'Drama', year: 2000, count: 30, mean: 3.8 },
    { genre: 'Comedy', year: 2000, count: 10, mean: 3.2 },
    { genre: 'Drama', year: 2001, count: 5, mean: 3.6 },
  ];

  it('genre popularity is the share of the year, missing years are gaps', () => {
    const option = genreOverTimeOption(genreYears, ['Drama', 'Comedy'], 'share') as {
      xAxis: { data: string[] };
      series: Series;
    };
    expect(option.xAxis.data).toEqual(['2000', '2001']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Drama', [75, 100]],
      ['Comedy', [25, null]],
    ]);
    const mean = genreOverTimeOption(genreYears, ['Comedy'], 'mean') as { series: Series };
    expect(mean.series[0]!.data).toEqual([3.2, null]);
  });

  it('ranks genres by ratings', () => {
    const genres = [
      { genre: 'A', movies: 1, ratings: 5, mean: 3 },
      { genre: 'B', movies: 1, ratings: 50, mean: 3 },
      { genre: 'C', movies: 1, ratings: 20, mean: null },
    ];
    expect(topGenres(genres, 2)).toEqual(['B', 'C']);
  });

  it('puts hour on x and day on y of the heatmap', () => {
    const cells = [
      { day: 0, hour: 23, count: 4 },
      { day: 6, hour: 0, count: 9 },
    ];
    const option = activityHeatmapOption(cells) as {
      series: { data: number[][] }[];
      visualMap: { max: number };
    };
    expect(option.series[0]!.data).toEqual([
      [23, 0, 4],
      [0, 6, 9],
    ]);
    expect(option.visualMap.max).toBe(9);
  });

  it('draws each loss curve on its own axis with epochs from 1', () => {
    const option = lossOption({ rating: [0.9, 0.8, 0.7], ranking: [5, 4] }) as {
      xAxis: { data: string[] };
      series: Series;
    };
    expect(option.xAxis.data).toEqual(['1', '2', '3']);
    expect(option.series.map((s) => s.yAxisIndex ?? 0)).toEqual([0, 1]);
  });

  it('themes axes and keeps the option’s own settings', () => {
    const palette = chartPalette('light');
    const option = themed(
      { tooltip: { trigger: 'axis' }, xAxis: { type: 'category' }, yAxis: [{ type: 'value' }] },
      palette,
    ) as Record<string, { [k: string]: unknown }>;
    expect(option.tooltip).toMatchObject({ trigger: 'axis', backgroundColor: palette.background });
    expect(option.xAxis).toMatchObject({ type: 'category', axisLabel: { color: palette.muted } });
    expect(Array.isArray(option.yAxis)).toBe(true);
  });
});

describe('model metrics', () => {
  it('orders known metrics first under readable names', () => {
    const columns = metricColumns([
      { metrics: { zeta: 1, 'ndcg@10': 0.3, rmse: 0.87 } },
      { metrics: { mae: 0.66 } },
      {},
    ]);
    expect(columns).toEqual(['rmse', 'mae', 'ndcg@10', 'zeta']);
    expect(columns.map(metricLabel)).toEqual(['RMSE', 'MAE', 'nDCG@10', 'zeta']);
    expect(metricLabel('precision10')).toBe('P@10');
  });

  it('reads loss curves defensively', () => {
    expect(lossOf(undefined)).toEqual({ rating: [], ranking: [] });
    expect(lossOf({ lossHistory: { rating: [1, Number.NaN, 0.5], ranking: [] } })).toEqual({
      rating: [1, 0.5],
      ranking: [],
    });
  });
});
