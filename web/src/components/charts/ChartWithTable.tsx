import type { ReactNode } from 'react';
import { Anchor, Box, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { AreaChart, BarChart } from './LazyCharts';

/** A column of figures: drawn in the chart when it has a colour, always in the table. */
export interface FigureColumn {
  key: string;
  label: string;
  color?: string;
  format?: (value: number) => string;
}

/** One row: its words, its figures (null: not shown, `note` says why). */
export interface FigureRow {
  label: string;
  values: Record<string, number | null>;
  note?: string;
}

const plain = (v: number) => v.toLocaleString();

/**
 * A chart with its table beside it (the table says the same to everyone; the chart is a picture
 * of it), and the table's CSV when given. `chart`: bars (default), stacked areas over time, or
 * none where one scale would mislead.
 */
export function ChartWithTable({
  title,
  heading,
  columns,
  rows,
  csv,
  testId,
  note,
  chart = 'bar',
  empty,
  scroll = false,
}: {
  title: string;
  heading: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  csv?: string;
  testId: string;
  note?: ReactNode;
  chart?: 'bar' | 'area' | 'none';
  /** Words shown instead of the chart and table when there are no rows. */
  empty?: string;
  /** A long table (days): it scrolls within the card. */
  scroll?: boolean;
}) {
  const drawn = columns.filter((c) => c.color);
  const data = rows.map((r) => ({ label: r.label, ...r.values }));
  const series = drawn.map((c) => ({ name: c.key, label: c.label, color: c.color as string }));
  const withNotes = rows.some((r) => r.note);
  const table = (
    <Table striped withTableBorder stickyHeader={scroll}>
      <Table.Caption>{title}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{heading}</Table.Th>
          {columns.map((c) => (
            <Table.Th key={c.key} ta="right">
              {c.label}
            </Table.Th>
          ))}
          {withNotes && <Table.Th>Note</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={`${r.label}-${i}`}>
            <Table.Td>{r.label}</Table.Td>
            {columns.map((c) => {
              const v = r.values[c.key];
              return (
                <Table.Td key={c.key} ta="right">
                  {v === null || v === undefined ? '' : (c.format ?? plain)(v)}
                </Table.Td>
              );
            })}
            {withNotes && <Table.Td>{r.note ?? ''}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  const picture =
    chart === 'none' || series.length === 0 ? null : (
      <div role="img" aria-label={`${title}: chart of the table beside it`}>
        {chart === 'area' ? (
          <AreaChart h={220} data={data} dataKey="label" type="stacked" withLegend series={series} />
        ) : (
          <BarChart
            h={220}
            data={data}
            dataKey="label"
            series={series}
            withLegend={series.length > 1}
            tickLine="y"
            yAxisProps={{ allowDecimals: false }}
          />
        )}
      </div>
    );
  return (
    <Card withBorder data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {title}
          </Title>
          {csv && (
            <Anchor href={csv} download size="sm" aria-label={`${title} as CSV`}>
              CSV
            </Anchor>
          )}
        </Group>
        {note}
        {rows.length === 0 && empty ? (
          <Text size="sm">{empty}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: picture ? 2 : 1 }} spacing="md">
            {picture}
            {/* Scrolls sideways on a phone (and down, for long tables), reachable by keyboard. */}
            <Box
              {...(scroll ? { mah: 260 } : {})}
              style={{ overflow: 'auto' }}
              tabIndex={0}
              role="region"
              aria-label={`${title}: table`}
            >
              {table}
            </Box>
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/** One figure per row, from the dashboard's counts. */
export function countRows(counts: { label: string; count: number }[]): FigureRow[] {
  return counts.map((c) => ({ label: c.label, values: { value: c.count } }));
}
