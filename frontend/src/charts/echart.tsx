import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'preact/hooks';
import { useTheme } from '../state/theme.ts';
import { chartPalette, themed } from '../view/chart-theme.ts';
import { echarts } from './echarts.ts';

interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (the container is an image with this name). */
  label: string;
  height?: number;
  id?: string;
}

/** One ECharts instance in a div, themed like the page, resized with its container. */
export function EChart({ option, label, height = 300, id }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [theme] = useTheme();

  useEffect(() => {
    const element = ref.current!;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(themed(option, chartPalette(theme)), { notMerge: true });
  }, [option, theme]);

  return (
    <div
      ref={ref}
      id={id}
      class="chart"
      role="img"
      aria-label={label}
      style={{ height: `${height}px` }}
    />
  );
}
