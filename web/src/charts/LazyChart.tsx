// The chart, loaded on first use: ECharts is its own chunk.
import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from 'antd';

const Chart = lazy(() => import('./Chart'));

export const LazyChart = (props: ComponentProps<typeof Chart>) => (
  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 280 }} />}>
    <Chart {...props} />
  </Suspense>
);
