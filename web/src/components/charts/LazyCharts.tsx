import type { AreaChart as MantineAreaChart, BarChart as MantineBarChart } from '@mantine/charts';
import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';

// Mantine's charts bring recharts, about a third of the matching page's code: they load in a
// chunk of their own (one for every chart) once a chart is on screen, so a page loads and works
// first.
const LazyBar = lazy(() => import('./ChartChunk').then((m) => ({ default: m.BarChart })));
const LazyArea = lazy(() => import('./ChartChunk').then((m) => ({ default: m.AreaChart })));

/** Mantine's BarChart, loaded when first shown; a placeholder of its height meanwhile. */
export function BarChart(props: ComponentProps<typeof MantineBarChart>) {
  return (
    <Suspense fallback={<Skeleton h={props.h ?? 220} aria-hidden />}>
      <LazyBar {...props} />
    </Suspense>
  );
}

/** Mantine's AreaChart, loaded when first shown; a placeholder of its height meanwhile. */
export function AreaChart(props: ComponentProps<typeof MantineAreaChart>) {
  return (
    <Suspense fallback={<Skeleton h={props.h ?? 220} aria-hidden />}>
      <LazyArea {...props} />
    </Suspense>
  );
}
