// One chart: an ECharts instance on a div that follows its width. Loaded lazily (see LazyChart), so
// ECharts stays out of the entry chunk. The chart is an image to assistive technology; its label
// says what it shows, and the screen lists the figures as text next to it.
import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

/** What a click on a bar or point names: its category and its place in the series. */
export interface ChartClick {
  name: string;
  dataIndex: number;
}

const Chart = ({
  option,
  label,
  height = 280,
  onClick,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?: (item: ChartClick) => void;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    const handler = (params: unknown) => onClick(params as ChartClick);
    instance.on('click', handler);
    return () => void instance.off('click', handler);
  }, [onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
};
export default Chart;
