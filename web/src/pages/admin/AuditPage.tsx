import { useMemo, useState } from 'react';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { fetchAudit, type AuditEntry } from '../../api/admin';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const column = createColumnHelper<AuditEntry>();
const columns = [
  column.accessor('at', {
    header: 'When',
    cell: (c) => (
      <time dateTime={c.getValue()} className="pw-nowrap">
        {formatDateTime(c.getValue())}
      </time>
    ),
  }),
  column.accessor('action', {
    header: 'Action',
    cell: (c) => <span className="pw-mono pw-nowrap">{c.getValue()}</span>,
  }),
  column.accessor('actor', { header: 'Who', cell: (c) => <span className="pw-nowrap">{c.getValue()}</span> }),
  column.accessor('target', { header: 'Target' }),
  column.accessor('detail', {
    header: 'Detail',
    cell: (c) => (
      <Text size="sm" maw={320}>
        {c.getValue()}
      </Text>
    ),
  }),
  column.accessor('remote_address', { header: 'From address' }),
];

/** Admin: the append-only log of security-relevant and administrative actions (/audit). */
export function AuditPage() {
  usePageTitle('Audit log');
  const [action, setAction] = useState('');
  const [debounced] = useDebouncedValue(action.trim(), 300);
  const audit = useInfiniteQuery({
    queryKey: ['audit', debounced],
    queryFn: ({ pageParam, signal }) => fetchAudit(debounced, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
  const rows = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Audit log"
        description="Sign-ins, failed sign-ins, imports, role changes, tokens and exports, newest first. Entries cannot be changed or deleted."
      />
      <Card withBorder radius="md" padding="lg">
        <Group mb="md" align="flex-end">
          <TextInput
            label="Action"
            description="Show one action only, e.g. sign_in or role_granted"
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
            classNames={{ input: 'pw-mono' }}
          />
        </Group>
        {audit.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : audit.isError ? (
          <ErrorAlert error={audit.error} title="Could not load the audit log" />
        ) : (
          <>
            <DataTable
              data={rows}
              columns={columns}
              caption="Audit log entries, newest first"
              getRowId={(e) => String(e.id)}
              emptyText={debounced ? `No “${debounced}” entries.` : 'The audit log is empty.'}
              testId="audit-table"
            />
            {audit.hasNextPage && (
              <Group justify="center" mt="md">
                <Button
                  variant="default"
                  onClick={() => void audit.fetchNextPage()}
                  loading={audit.isFetchingNextPage}
                >
                  Show older entries
                </Button>
              </Group>
            )}
          </>
        )}
      </Card>
    </Stack>
  );
}
