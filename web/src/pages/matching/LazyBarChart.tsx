import type { BarChart as MantineBarChart } from '@mantine/charts';
import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';

// Mantine's charts bring recharts, about a third of the matching page's code: they load in a
// chunk of their own once a chart is on screen, so the page itself loads and works first.
const Chart = lazy(() => import('./BarChartChunk'));

/** Mantine's BarChart, loaded when first shown; a placeholder of its height meanwhile. */
export function BarChart(props: ComponentProps<typeof MantineBarChart>) {
  return (
    <Suspense fallback={<Skeleton h={props.h ?? 220} aria-hidden />}>
      <Chart {...props} />
    </Suspense>
  );
}
