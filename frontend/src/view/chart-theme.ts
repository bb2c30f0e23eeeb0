import type { EChartsCoreOption } from 'echarts/core';

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  background: string;
  series: string[];
  /** Text on a series colour (treemap labels). */
  onSeries: string;
}

/** The page's font stack: ECharts measures labels with it, so it must be a real font list. */
const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Colours with AA contrast on the page background of each theme. */
export function chartPalette(theme: 'dark' | 'light'): ChartPalette {
  return theme === 'dark'
    ? {
        text: '#e5e7eb',
        muted: '#9ca3af',
        grid: '#374151',
        background: '#111827',
        onSeries: '#0b1120',
        series: [
          '#60a5fa',
          '#fbbf24',
          '#34d399',
          '#f472b6',
          '#a78bfa',
          '#fb923c',
          '#22d3ee',
          '#f87171',
        ],
      }
    : {
        text: '#111827',
        muted: '#4b5563',
        grid: '#d1d5db',
        background: '#ffffff',
        onSeries: '#ffffff',
        series: [
          '#1d4ed8',
          '#b45309',
          '#047857',
          '#be185d',
          '#6d28d9',
          '#c2410c',
          '#0e7490',
          '#b91c1c',
        ],
      };
}

const axisStyle = (p: ChartPalette) => ({
  axisLine: { lineStyle: { color: p.grid } },
  axisTick: { lineStyle: { color: p.grid } },
  axisLabel: { color: p.muted },
  splitLine: { lineStyle: { color: p.grid, opacity: 0.5 } },
  nameTextStyle: { color: p.muted },
});

const styleAxes = (axes: unknown, p: ChartPalette): unknown => {
  if (axes === undefined) return undefined;
  const style = axisStyle(p);
  const one = (axis: Record<string, unknown>) => ({ ...style, ...axis });
  return Array.isArray(axes) ? axes.map(one) : one(axes as Record<string, unknown>);
};

/** The option with the palette's colours for text, axes, legend and tooltip (no DOM: tested). */
export function themed(option: EChartsCoreOption, p: ChartPalette): EChartsCoreOption {
  const o = option as Record<string, unknown>;
  return {
    backgroundColor: 'transparent',
    color: p.series,
    textStyle: { color: p.text, fontFamily: CHART_FONT },
    ...o,
    tooltip: {
      backgroundColor: p.background,
      borderColor: p.grid,
      textStyle: { color: p.text },
      ...(o.tooltip as object | undefined),
    },
    ...(o.legend !== undefined && {
      legend: { textStyle: { color: p.text }, ...(o.legend as object) },
    }),
    ...(Array.isArray(o.series) && {
      series: (o.series as Record<string, unknown>[]).map((series) =>
        series.type === 'treemap'
          ? { ...series, label: { color: p.onSeries, ...(series.label as object | undefined) } }
          : series,
      ),
    }),
    ...(o.xAxis !== undefined && { xAxis: styleAxes(o.xAxis, p) }),
    ...(o.yAxis !== undefined && { yAxis: styleAxes(o.yAxis, p) }),
  };
}
