import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useProgramRelationships, type Relationship } from '../../api/matching';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

const column = createColumnHelper<Relationship>();
const PAGE = 50;

function personLink(p: { employee_id: string; name: string }) {
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(p.employee_id)}`}>
      {p.name}
    </Anchor>
  );
}

export function RelationshipStatusBadge({ status }: { status: string }) {
  const color = status === 'active' ? 'green' : status === 'completed' ? 'indigo' : 'gray';
  return (
    <Badge variant="light" color={color}>
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}

const columns = [
  column.accessor((r) => r.mentee.name, { id: 'mentee', header: 'Mentee', cell: (info) => personLink(info.row.original.mentee) }),
  column.accessor((r) => r.mentor.name, { id: 'mentor', header: 'Mentor', cell: (info) => personLink(info.row.original.mentor) }),
  column.accessor('status', { header: 'Status', cell: (info) => <RelationshipStatusBadge status={info.getValue()} /> }),
  column.accessor('started_at', { header: 'Since', cell: (info) => formatDate(info.getValue()) }),
  column.accessor('score', { header: 'Score', cell: (info) => info.getValue().toLocaleString() }),
];

/**
 * The program's published relationships (searched and paged here: the API lists them all), and
 * "Rematch someone": frees a person and runs a rematch that keeps everyone else's pairs.
 */
export function RelationshipsPanel({ programId, onRematch, runDisabled }: {
  programId: number;
  onRematch: (employeeId: string) => Promise<void>;
  runDisabled: boolean;
}) {
  const relationships = useProgramRelationships(programId, true);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [person, setPerson] = useState<string | null>(null);
  const [personSearch, setPersonSearch] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const all = useMemo(() => relationships.data?.items ?? [], [relationships.data]);
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return all;
    return all.filter((r) =>
      [r.mentee.name, r.mentee.employee_id, r.mentor.name, r.mentor.employee_id].some((x) => x.toLowerCase().includes(q)),
    );
  }, [all, search]);

  // People in active relationships, for the rematch picker; only the first matches are shown.
  const people = useMemo(() => {
    const seen = new Map<string, { value: string; label: string; name: string }>();
    for (const r of all) {
      if (r.status !== 'active') continue;
      const { employee_id: mentee, name } = r.mentee;
      seen.set(mentee, { value: mentee, label: `${name} (mentee of ${r.mentor.name})`, name: name.toLowerCase() });
      const mentor = r.mentor.employee_id;
      if (!seen.has(mentor)) {
        seen.set(mentor, { value: mentor, label: `${r.mentor.name} (mentor)`, name: r.mentor.name.toLowerCase() });
      }
    }
    return [...seen.values()];
  }, [all]);
  // Searched by the person's own name or employee id; only the first 50 are listed.
  const personOptions = useMemo(() => {
    const q = personSearch.trim().toLowerCase();
    const list = q ? people.filter((p) => p.name.includes(q) || p.value.toLowerCase().includes(q)) : people;
    const shown = list.slice(0, 50);
    const chosen = people.find((p) => p.value === person);
    return (chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown).map(({ value, label }) => ({ value, label }));
  }, [people, personSearch, person]);

  const rematch = async () => {
    if (!person) return;
    setBusy(true);
    setMessage(null);
    try {
      await onRematch(person);
      setMessage({ ok: true, text: 'Rematch started. Its proposal opens when it is done; publish it to make the change.' });
      setPerson(null);
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  if (relationships.isPending) return <Loading label="Loading relationships…" />;
  if (relationships.isError) return <ErrorAlert error={relationships.error} />;
  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Rematch someone
          </Title>
          <Text size="sm" c="dimmed">
            After a clash, free a mentee or a mentor: a rematch finds them new partners and keeps everyone else’s pairs.
          </Text>
          <Group align="flex-end">
            <Select
              label="Person to rematch"
              placeholder="Type a name"
              w={{ base: '100%', sm: 380 }}
              searchable
              searchValue={personSearch}
              onSearchChange={setPersonSearch}
              filter={({ options }) => options}
              data={personOptions}
              value={person}
              onChange={setPerson}
              nothingFoundMessage="Nobody in an active relationship matches"
            />
            <Button onClick={() => void rematch()} disabled={!person || runDisabled} loading={busy}>
              Run rematch
            </Button>
          </Group>
          {message && (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </Alert>
          )}
        </Stack>
      </Card>
      <Group align="flex-end" justify="space-between">
        <TextInput
          label="Search relationships"
          type="search"
          placeholder="Name or employee id"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
        />
        <Text size="sm" data-testid="relationships-count">
          {all.length.toLocaleString()} relationship{all.length === 1 ? '' : 's'}
        </Text>
      </Group>
      <DataTable
        data={filtered.slice(offset, offset + PAGE)}
        columns={columns}
        caption="The program's relationships"
        getRowId={(r) => String(r.id)}
        emptyText={all.length === 0 ? 'No relationships yet: publish a proposal.' : 'No relationship matches.'}
        testId="relationships-table"
      />
      {filtered.length > PAGE && (
        <Group justify="space-between">
          <Text size="sm">
            {offset + 1}–{Math.min(offset + PAGE, filtered.length)} of {filtered.length.toLocaleString()}
          </Text>
          <Group>
            <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </Button>
            <Button variant="default" disabled={offset + PAGE >= filtered.length} onClick={() => setOffset(offset + PAGE)}>
              Next
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
