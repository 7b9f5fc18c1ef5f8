import { useMemo, useState } from 'react';
import { Anchor, Button, Card, Group, Stack, Text, Select } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { fetchAudit, type AuditEntry } from '../../api/admin';
import { usePerson } from '../../api/people';
import { useProgram } from '../../api/programs';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { AUDIT_ACTION_WORDS, wordsFor } from '../../components/words';
import { usePageTitle } from '../../layout/usePageTitle';

const column = createColumnHelper<AuditEntry>();

function PersonNamed({ employeeId }: { employeeId: string }) {
  const person = usePerson(employeeId);
  if (person.data) {
    return (
      <Anchor component={Link} to={`/people/${encodeURIComponent(employeeId)}`}>
        {person.data.person.name}
      </Anchor>
    );
  }
  return <>{person.isError ? 'Someone no longer in the directory' : '…'}</>;
}

function ProgramNamed({ id }: { id: number }) {
  const program = useProgram(id);
  return (
    <Anchor component={Link} to={`/programs/${id}`}>
      {program.data?.name ?? (program.isError ? 'A program' : '…')}
    </Anchor>
  );
}

/** How the audit log names an actor or a target ("person E1", "api token 3"), as words. */
function Named({ text }: { text: string }) {
  const person = /^person (\S+)$/.exec(text);
  if (person) return <PersonNamed employeeId={person[1]!} />;
  const token = /^api token (\d+)$/.exec(text);
  if (token) return <>API token no. {token[1]}</>;
  const program = /^program (\d+)$/.exec(text);
  if (program) return <ProgramNamed id={Number(program[1])} />;
  if (text === 'system') return <>Pairwise itself</>;
  return <>{text}</>;
}
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
    cell: (c) => <span className="pw-nowrap">{wordsFor(AUDIT_ACTION_WORDS, c.getValue())}</span>,
  }),
  column.accessor('actor', { header: 'Who', cell: (c) => <span className="pw-nowrap"><Named text={c.getValue()} /></span> }),
  column.accessor('target', { header: 'Target', cell: (c) => <Named text={c.getValue()} /> }),
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
  const [action, setAction] = useState<string | null>(null);
  const debounced = action ?? '';
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
          <Select
            label="Action"
            description="Show one kind of action only"
            placeholder="All actions"
            clearable
            searchable
            data={Object.entries(AUDIT_ACTION_WORDS)
              .map(([value, label]) => ({ value, label }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            value={action}
            onChange={setAction}
            w={300}
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
              emptyText={debounced ? `No “${wordsFor(AUDIT_ACTION_WORDS, debounced)}” entries.` : 'The audit log is empty.'}
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
