// ECharts through `echarts/core` with only the parts the screens use (bar, line, pie; grid, tooltip,
// legend, aria; SVG renderer). Imported lazily by Chart.tsx, so no chart code is in the entry chunk.
// A screen that needs another chart type registers it here.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
