import { Table, Text } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table';

interface DataTableProps<T> {
  data: T[];
  // TanStack's column type is invariant in the value type; callers build columns with
  // createColumnHelper, whose value types differ per column.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** Names the table for screen readers; shown visually hidden unless `showCaption`. */
  caption: string;
  getRowId: (row: T) => string;
  /** Shown in place of the rows when there are none. */
  emptyText: string;
  testId?: string;
  /** Below this width (px) the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
}

/** A table of API results: TanStack Table for the model, Mantine for the look. */
export function DataTable<T>({
  data,
  columns,
  caption,
  getRowId,
  emptyText,
  testId,
  minWidth = 560,
}: DataTableProps<T>) {
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => getRowId(row),
  });

  if (data.length === 0) {
    return (
      <Text c="dimmed" py="md" data-testid={testId ? `${testId}-empty` : undefined}>
        {emptyText}
      </Text>
    );
  }

  return (
    // A wide table scrolls sideways on narrow screens; the scrolling region is focusable and
    // named so that keyboard users can scroll it too.
    <div className="pw-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table miw={minWidth} striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
        <caption className="pw-visually-hidden">{caption}</caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <Table.Th key={header.id} scope="col">
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
