import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { fetchPeople } from '../../api/people';
import {
  STATUS_LABELS,
  relationshipsExportUrl,
  useProgramRelationshipPage,
  type RelationshipStatus,
  type ProgramRelationshipRow,
} from '../../api/relationships';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

const column = createColumnHelper<ProgramRelationshipRow>();
const PAGE = 50;

function personLink(p: { employee_id: string; name: string }) {
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(p.employee_id)}`}>
      {p.name}
    </Anchor>
  );
}

/** "2 goals, 1 done" and how far they are together, as a bar a screen reader names. */
function GoalsCell({ row }: { row: ProgramRelationshipRow }) {
  if (row.goals === 0) return <Text size="sm" c="dimmed">No goals yet</Text>;
  const words = `${row.goals} ${row.goals === 1 ? 'goal' : 'goals'}, ${row.goals_completed} done`;
  return (
    <Stack gap={2} miw={110}>
      <Text size="sm">{words}</Text>
      <Progress value={row.goal_progress} size="sm" aria-label={`${words}: ${row.goal_progress}% of the way`} />
    </Stack>
  );
}

export function RelationshipStatusBadge({ status }: { status: string }) {
  const color =
    status === 'active' ? 'green' : status === 'pending_agreement' ? 'yellow' : status === 'completed' ? 'indigo' : 'gray';
  return (
    <Badge variant="light" color={color}>
      {STATUS_LABELS[status as RelationshipStatus] ?? status.replace(/_/g, ' ')}
    </Badge>
  );
}

/**
 * The program's relationships, a page at a time from the server, filtered by status; each opens
 * its relationship page. "Rematch" frees a mentee of a relationship in force and runs a rematch
 * that keeps everyone else's pairs.
 */
export function RelationshipsPanel({ programId, onRematch, runDisabled = false }: {
  programId: number;
  /** Without it (the program page), rows only open their relationship. */
  onRematch?: (employeeId: string) => Promise<void>;
  runDisabled?: boolean;
}) {
  const [status, setStatus] = useState<RelationshipStatus | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [personSearch, setPersonSearch] = useState('');
  const people = useQuery({
    queryKey: ['people', 'relationships-filter', personSearch],
    queryFn: ({ signal }) => fetchPeople({ q: personSearch }, undefined, signal),
    enabled: personSearch.trim().length >= 2,
  });
  const personOptions = (people.data?.items ?? []).map((p) => ({
    value: p.employee_id,
    label: `${p.name} (${p.employee_id})`,
  }));
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const page = useProgramRelationshipPage(programId, { status, person, offset, limit: PAGE });
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;

  // The page's own start of a run (queue it, watch it) does the caching; this says what happened.
  const rematch = useMutation({
    mutationFn: async (mentee: { employee_id: string; name: string }) => {
      await onRematch?.(mentee.employee_id);
      return mentee;
    },
    onMutate: () => setMessage(null),
    onSuccess: (mentee) =>
      setMessage({
        ok: true,
        text: `Rematch of ${mentee.name} started. Its proposal opens when it is done; publish it to make the change.`,
      }),
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  const busy = rematch.isPending ? (rematch.variables?.employee_id ?? null) : null;

  const columns = [
    column.accessor((r) => r.mentee.name, { id: 'mentee', header: 'Mentee', cell: (info) => personLink(info.row.original.mentee) }),
    column.accessor((r) => r.mentor.name, { id: 'mentor', header: 'Mentor', cell: (info) => personLink(info.row.original.mentor) }),
    column.accessor('status', { header: 'Status', cell: (info) => <RelationshipStatusBadge status={info.getValue()} /> }),
    column.accessor('started_at', { header: 'Since', cell: (info) => formatDate(info.getValue()) }),
    column.accessor('last_meeting_at', {
      header: 'Last meeting',
      cell: (info) => {
        const r = info.row.original;
        if (!r.last_meeting_at) return <Text size="sm" c="dimmed">None yet</Text>;
        return `${formatDate(r.last_meeting_at)} (${r.meetings_held} held)`;
      },
    }),
    column.accessor('goal_progress', {
      header: 'Goals',
      cell: (info) => <GoalsCell row={info.row.original} />,
    }),
    column.display({
      id: 'open',
      header: 'Relationship',
      cell: (info) => {
        const r = info.row.original;
        const inForce = r.status === 'pending_agreement' || r.status === 'active';
        return (
          <Group gap="xs" wrap="nowrap">
            <Anchor component={Link} to={`/relationships/${r.id}`} aria-label={`Open ${r.mentee.name} and ${r.mentor.name}`}>
              Open
            </Anchor>
            {inForce && onRematch && (
              <Button
                size="compact-xs"
                variant="default"
                disabled={runDisabled || busy !== null}
                loading={busy === r.mentee.employee_id}
                onClick={() => rematch.mutate(r.mentee)}
                aria-label={`Rematch ${r.mentee.name}`}
              >
                Rematch
              </Button>
            )}
          </Group>
        );
      },
    }),
  ];

  if (page.isPending) return <Loading label="Loading relationships…" />;
  if (page.isError) return <ErrorAlert error={page.error} />;
  return (
    <Stack gap="md">
      {onRematch && (
        <Text size="sm" c="dimmed">
          After a clash, rematch a mentee: the rematch finds them a new mentor and keeps everyone else’s pairs.
        </Text>
      )}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
        <Select
          label="Person"
          placeholder="Type a name"
          searchable
          clearable
          searchValue={personSearch}
          onSearchChange={setPersonSearch}
          filter={({ options }) => options}
          data={person && !personOptions.some((o) => o.value === person) ? [{ value: person, label: person }, ...personOptions] : personOptions}
          value={person}
          onChange={(v) => {
            setPerson(v);
            setOffset(0);
          }}
          nothingFoundMessage={personSearch.trim().length >= 2 ? 'Nobody by that name' : undefined}
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          label="Status"
          placeholder="Every status"
          clearable
          data={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          value={status}
          onChange={(v) => {
            setStatus(v as RelationshipStatus | null);
            setOffset(0);
          }}
          w={{ base: '100%', sm: 240 }}
        />
        </Group>
        <Group gap="sm" align="center">
          <Text size="sm" data-testid="relationships-count">
            {total.toLocaleString()} relationship{total === 1 ? '' : 's'}
          </Text>
          <Button
            component="a"
            href={relationshipsExportUrl(programId, { status, person }, 'csv')}
            download
            variant="default"
            size="xs"
          >
            Download as CSV
          </Button>
          <Button component="a" href={relationshipsExportUrl(programId, { status, person }, 'xlsx')} download size="xs">
            Download as Excel
          </Button>
        </Group>
      </Group>
      <DataTable
        data={items}
        columns={columns}
        caption="The program's relationships"
        getRowId={(r) => String(r.id)}
        emptyText={status || person ? 'No relationship matches.' : 'No relationships yet: publish a proposal.'}
        testId="relationships-table"
      />
      {total > PAGE && (
        <Group justify="space-between">
          <Text size="sm">
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total.toLocaleString()}
          </Text>
          <Group>
            <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </Button>
            <Button variant="default" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
