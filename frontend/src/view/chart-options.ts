import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardResponse, LossHistory } from '../api/api-types.ts';

/**
 * ECharts options built from API responses: plain data in, plain objects out (no DOM, no
 * ECharts runtime), so they are unit-tested and the pages stay declarative.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Ratings per star value. */
export function histogramOption(
  stars: number[],
  counts: number[],
  name = 'Ratings',
): EChartsCoreOption {
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      name: 'Stars',
      nameLocation: 'middle',
      nameGap: 26,
      data: stars.map(String),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name, data: counts }],
  };
}

/** Ratings given per year (bars) and their mean (line, right axis). */
export function ratingsPerYearOption(rows: DashboardResponse['ratingsPerYear']): EChartsCoreOption {
  return {
    grid: { left: 56, right: 48, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
    yAxis: [
      { type: 'value', name: 'Ratings' },
      { type: 'value', name: 'Mean', min: 0, max: 5, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'Ratings', data: rows.map((r) => r.count) },
      {
        type: 'line',
        name: 'Mean rating',
        yAxisIndex: 1,
        data: rows.map((r) => Math.round(r.mean * 100) / 100),
      },
    ],
  };
}

/** The `limit` genres with the most ratings, most first. */
export function topGenres(genres: DashboardResponse['genres'], limit: number): string[] {
  return [...genres]
    .sort((a, b) => b.ratings - a.ratings)
    .slice(0, limit)
    .map((g) => g.genre);
}

/**
 * One line per genre over the years: the mean rating or the genre's share of that year's
 * ratings (popularity), for the given genres. Years a genre has no ratings are gaps.
 */
export function genreOverTimeOption(
  genreYears: DashboardResponse['genreYears'],
  genres: string[],
  metric: 'mean' | 'share',
): EChartsCoreOption {
  const years = [...new Set(genreYears.map((r) => r.year))].sort((a, b) => a - b);
  const totals = new Map<number, number>();
  for (const r of genreYears) totals.set(r.year, (totals.get(r.year) ?? 0) + r.count);
  const cell = new Map(genreYears.map((r) => [`${r.genre}|${r.year}`, r]));
  return {
    grid: { left: 48, right: 16, top: 64, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'plain' },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis:
      metric === 'mean'
        ? { type: 'value', name: 'Mean rating', min: 2.5, max: 4.5 }
        : { type: 'value', name: '% of ratings', min: 0 },
    series: genres.map((genre) => ({
      type: 'line',
      name: genre,
      connectNulls: false,
      showSymbol: false,
      data: years.map((year) => {
        const r = cell.get(`${genre}|${year}`);
        if (r === undefined || r.count === 0) return null;
        return metric === 'mean'
          ? Math.round(r.mean * 100) / 100
          : Math.round((1000 * r.count) / (totals.get(year) ?? r.count)) / 10;
      }),
    })),
  };
}

/** Genres as a treemap: area = ratings, label with the mean rating. */
export function genreTreemapOption(genres: DashboardResponse['genres']): EChartsCoreOption {
  return {
    tooltip: {},
    series: [
      {
        type: 'treemap',
        name: 'Genres',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        left: 0,
        right: 0,
        top: 0,
        bottom: 0,
        label: { show: true, formatter: '{b}' },
        data: genres
          .filter((g) => g.ratings > 0)
          .map((g) => ({
            name: g.genre,
            value: g.ratings,
            mean: g.mean,
            movies: g.movies,
          })),
      },
    ],
  };
}

/** When users rate: day of week × hour (UTC), darker = more ratings. */
export function activityHeatmapOption(
  cells: DashboardResponse['activityHeatmap'],
): EChartsCoreOption {
  const max = cells.reduce((m, c) => Math.max(m, c.count), 0);
  return {
    grid: { left: 48, right: 16, top: 8, bottom: 72 },
    tooltip: { position: 'top' },
    xAxis: {
      type: 'category',
      name: 'Hour (UTC)',
      nameLocation: 'middle',
      nameGap: 26,
      data: [...Array(24).keys()].map(String),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: DAYS, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
    },
    series: [
      {
        type: 'heatmap',
        name: 'Ratings',
        data: cells.map((c) => [c.hour, c.day, c.count]),
      },
    ],
  };
}

/** Bars of a simple labelled series (users per activity bucket, movies per decade). */
export function barsOption(
  labels: string[],
  values: number[],
  name: string,
  axisName?: string,
): EChartsCoreOption {
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: labels,
      ...(axisName && { name: axisName, nameLocation: 'middle', nameGap: 26 }),
    },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name, data: values }],
  };
}

/** Training loss per epoch of the rating and the ranking model (each on its own axis). */
export function lossOption(loss: LossHistory): EChartsCoreOption {
  const epochs = Math.max(loss.rating.length, loss.ranking.length);
  return {
    grid: { left: 64, right: 64, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      name: 'Epoch',
      nameLocation: 'middle',
      nameGap: 26,
      data: Array.from({ length: epochs }, (_, i) => String(i + 1)),
    },
    yAxis: [
      { type: 'value', name: 'Rating loss', scale: true },
      { type: 'value', name: 'Ranking loss', scale: true, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: 'Rating model', data: loss.rating },
      { type: 'line', name: 'Ranking model', yAxisIndex: 1, data: loss.ranking },
    ],
  };
}

/**
 * The dashboard with every list present (an older version's aggregates may lack newer ones):
 * a missing list shows as "no data" on its panel instead of breaking the page.
 */
export function completeDashboard(
  raw: Partial<DashboardResponse> & { version: string },
): DashboardResponse {
  const list = <T>(x: T[] | undefined): T[] => (Array.isArray(x) ? x : []);
  return {
    version: raw.version,
    collectedSinceTraining: raw.collectedSinceTraining ?? 0,
    dataset: raw.dataset ?? { name: 'dataset', ratings: 0, users: 0, movies: 0, tags: 0 },
    ratingHistogram: list(raw.ratingHistogram),
    ratingsPerYear: list(raw.ratingsPerYear),
    genres: list(raw.genres),
    genreYears: list(raw.genreYears),
    activityHeatmap: list(raw.activityHeatmap),
    userActivity: list(raw.userActivity),
    moviesPerDecade: list(raw.moviesPerDecade),
    topMovies: list(raw.topMovies),
    topByCount: list(raw.topByCount),
    topTags: list(raw.topTags),
  };
}
