import { BarChart, HeatmapChart, LineChart, TreemapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts, tree-shaken: only the charts and components the app draws. Imported by the lazily
 * loaded pages alone, so none of it is in the initial bundle. No AriaComponent: it would replace
 * each chart's aria-label (EChart's `label`) with a generated description.
 */
echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  TreemapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export { echarts };
