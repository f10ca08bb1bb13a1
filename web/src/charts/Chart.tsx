// A chart: ECharts loaded on first use (its own chunk), sized to its container, resized with it,
// and described to screen readers by `label` (plus ECharts' aria description of the data).
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from './echarts';

export const Chart = ({
  option,
  label,
  height = 240,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) => {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !element.current) return;
      const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
      chart.setOption({ aria: { enabled: true }, animation: false, ...option });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(element.current);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [option]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
};
