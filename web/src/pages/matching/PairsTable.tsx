import { Fragment, useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ExpandedState,
  type SortingState,
} from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  CRITERIA,
  matchingKeys,
  putConstraint,
  rawScoreAt,
  scoreText,
  useRuleWords,
  usePairs,
  type ConstraintKind,
  type MatchSettings,
  type PairConstraint,
  type PersonSnapshot,
  type ProposalPair,
} from '../../api/matching';
import { useDepartments } from '../../api/people';
import { ErrorAlert, Loading } from '../../components/PageState';
import { useDepartmentName, useExplanationInWords, useSiteName } from '../../components/Names';
import { ChangeDialog } from './ChangeDialog';

const column = createColumnHelper<ProposalPair>();
const pairId = (p: ProposalPair) => `${p.mentee.employee_id}|${p.mentor.employee_id}`;

function Person({ p }: { p: PersonSnapshot }) {
  const departmentName = useDepartmentName();
  const siteName = useSiteName();
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/people/${encodeURIComponent(p.employee_id)}`} size="sm">
        {p.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {[departmentName(p.department), siteName(p.site), `level ${p.level}`].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

function SortHeader({ label, active, desc, onClick }: { label: string; active: boolean; desc: boolean; onClick: () => void }) {
  return (
    <UnstyledButton onClick={onClick} fw={700} fz="sm">
      {label} {active ? (desc ? '↓' : '↑') : ''}
      <span className="pw-visually-hidden">{active ? (desc ? ', sorted descending' : ', sorted ascending') : ', sort'}</span>
    </UnstyledButton>
  );
}

/**
 * The proposal's pairs: filtered, sorted and paged by the server (a proposal may hold tens of
 * thousands), each with its explanation, pin and forbid, and hand changes when editable.
 */
export function PairsTable({ programId, proposalId, settings, editable, constraints }: {
  programId: number;
  proposalId: number;
  /** The run's settings: scores are shown (and filtered) out of 100 under its weights. */
  settings: MatchSettings;
  editable: boolean;
  constraints: PairConstraint[];
}) {
  const queryClient = useQueryClient();
  const ruleWords = useRuleWords(programId);
  const departments = useDepartments();
  const inWords = useExplanationInWords();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [department, setDepartment] = useState<string | null>(null);
  const [minScore, setMinScore] = useState<number | ''>('');
  const [maxScore, setMaxScore] = useState<number | ''>('');
  const [debouncedMin] = useDebouncedValue(minScore, 300);
  const [debouncedMax] = useDebouncedValue(maxScore, 300);
  const [manual, setManual] = useState(false);
  const [broken, setBroken] = useState(false);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'mentee', desc: false }]);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const [offset, setOffset] = useState(0);
  const [limit, setLimit] = useState(50);
  const [dialog, setDialog] = useState<{ pair: ProposalPair; mode: 'reassign' | 'swap' } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const sort = sorting[0];
  const query = {
    q,
    department: department ?? '',
    min_score: debouncedMin === '' ? ('' as const) : rawScoreAt(debouncedMin, settings, 'down'),
    max_score: debouncedMax === '' ? ('' as const) : rawScoreAt(debouncedMax, settings, 'up'),
    manual,
    broken,
    sort: (sort?.id ?? 'mentee') as 'mentee' | 'mentor' | 'score',
    order: (sort?.desc ? 'desc' : 'asc') as 'asc' | 'desc',
    offset,
    limit,
  };
  const pairs = usePairs(programId, proposalId, query, true);
  const rows = pairs.data?.items ?? [];
  const total = pairs.data?.total ?? 0;

  const constraintOf = (p: ProposalPair): ConstraintKind | null =>
    constraints.find((c) => c.mentee.employee_id === p.mentee.employee_id && c.mentor.employee_id === p.mentor.employee_id)
      ?.kind ?? null;

  const constrain = async (p: ProposalPair, kind: ConstraintKind) => {
    setMessage(null);
    try {
      await putConstraint(programId, p.mentee.employee_id, p.mentor.employee_id, kind);
      await queryClient.invalidateQueries({ queryKey: matchingKeys.constraints(programId) });
      setMessage({
        ok: true,
        text:
          kind === 'pin'
            ? `Pinned ${p.mentee.name} with ${p.mentor.name}: every run keeps this pair.`
            : `Forbade ${p.mentee.name} with ${p.mentor.name}: no run proposes this pair again.`,
      });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };

  const toggleSort = (id: 'mentee' | 'mentor' | 'score') => {
    setSorting((s) => [{ id, desc: s[0]?.id === id ? !s[0].desc : id === 'score' }]);
    setOffset(0);
  };

  const columns = useMemo(
    () => [
      column.display({
        id: 'expand',
        header: () => <span className="pw-visually-hidden">Details</span>,
        cell: (info) => (
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={info.row.getIsExpanded()}
            aria-label={`Why ${info.row.original.mentee.name} and ${info.row.original.mentor.name}`}
            onClick={info.row.getToggleExpandedHandler()}
          >
            {info.row.getIsExpanded() ? '▾' : '▸'}
          </Button>
        ),
      }),
      column.accessor((p) => p.mentee.name, {
        id: 'mentee',
        header: () => <SortHeader label="Mentee" active={sort?.id === 'mentee'} desc={!!sort?.desc} onClick={() => toggleSort('mentee')} />,
        cell: (info) => <Person p={info.row.original.mentee} />,
      }),
      column.accessor((p) => p.mentor.name, {
        id: 'mentor',
        header: () => <SortHeader label="Mentor" active={sort?.id === 'mentor'} desc={!!sort?.desc} onClick={() => toggleSort('mentor')} />,
        cell: (info) => <Person p={info.row.original.mentor} />,
      }),
      column.accessor('score', {
        header: () => <SortHeader label="Score (of 100)" active={sort?.id === 'score'} desc={!!sort?.desc} onClick={() => toggleSort('score')} />,
        cell: (info) => <Text fw={600}>{scoreText(info.getValue(), settings)}</Text>,
      }),
      column.display({
        id: 'flags',
        header: 'Notes',
        cell: (info) => {
          const p = info.row.original;
          const kind = constraintOf(p);
          return (
            <Group gap={4}>
              {(p.pinned || kind === 'pin') && <Badge variant="light" color="indigo">pinned</Badge>}
              {kind === 'forbid' && <Badge variant="light" color="red">forbidden</Badge>}
              {p.manual && <Badge variant="light" color="gray">set by hand</Badge>}
              {p.broken_rules.map((r) => (
                <Badge key={r} variant="light" color="orange">
                  breaks: {ruleWords(r)}
                </Badge>
              ))}
            </Group>
          );
        },
      }),
      column.display({
        id: 'actions',
        header: 'Actions',
        cell: (info) => {
          const p = info.row.original;
          const kind = constraintOf(p);
          const who = `${p.mentee.name} with ${p.mentor.name}`;
          return (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-xs" variant="default" aria-label={`Pin ${who}`} disabled={kind === 'pin'} onClick={() => void constrain(p, 'pin')}>
                Pin
              </Button>
              <Button size="compact-xs" variant="default" aria-label={`Forbid ${who}`} disabled={kind === 'forbid'} onClick={() => void constrain(p, 'forbid')}>
                Forbid
              </Button>
              {editable && (
                <>
                  <Button size="compact-xs" variant="default" aria-label={`Reassign ${p.mentee.name}…`} onClick={() => setDialog({ pair: p, mode: 'reassign' })}>
                    Reassign…
                  </Button>
                  <Button size="compact-xs" variant="default" aria-label={`Swap ${p.mentee.name}’s mentor…`} onClick={() => setDialog({ pair: p, mode: 'swap' })}>
                    Swap…
                  </Button>
                </>
              )}
            </Group>
          );
        },
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sort?.id, sort?.desc, constraints, editable, ruleWords, settings],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getRowId: pairId,
    getCoreRowModel: getCoreRowModel(),
    getRowCanExpand: () => true,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount: total,
    state: { sorting, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
  });

  const departmentNames = [...new Set((departments.data ?? []).map((d) => d.name))].sort();
  const reset = () => setOffset(0);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label="Search a person"
          type="search"
          placeholder="Name or employee id"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            reset();
          }}
        />
        <Select
          label="Department"
          placeholder="Any department"
          data={departmentNames}
          value={department}
          onChange={(v) => {
            setDepartment(v);
            reset();
          }}
          searchable
          clearable
        />
        <Group gap="xs" grow>
          <NumberInput label="Score from (of 100)" min={0} max={100} value={minScore} onChange={(v) => { setMinScore(v === '' ? '' : Number(v)); reset(); }} />
          <NumberInput label="Score up to (of 100)" min={0} max={100} value={maxScore} onChange={(v) => { setMaxScore(v === '' ? '' : Number(v)); reset(); }} />
        </Group>
        <Stack gap={6} justify="flex-end">
          <Checkbox label="Set by hand" checked={manual} onChange={(e) => { setManual(e.currentTarget.checked); reset(); }} />
          <Checkbox label="Breaks a rule" checked={broken} onChange={(e) => { setBroken(e.currentTarget.checked); reset(); }} />
        </Stack>
      </SimpleGrid>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} data-testid="pairs-message" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      {pairs.isPending && <Loading label="Loading pairs…" />}
      {pairs.isError && <ErrorAlert error={pairs.error} />}
      {pairs.data && rows.length === 0 && (
        <Text c="dimmed" py="md" data-testid="pairs-empty">
          No pair matches.
        </Text>
      )}
      {rows.length > 0 && (
        <div className="pw-table-scroll" role="region" aria-label="Pairs" tabIndex={0}>
          <Table miw={980} striped highlightOnHover verticalSpacing="xs" data-testid="pairs-table" style={{ opacity: pairs.isPlaceholderData ? 0.6 : 1 }}>
            <caption className="pw-visually-hidden">Pairs of the proposal</caption>
            <Table.Thead>
              {table.getHeaderGroups().map((g) => (
                <Table.Tr key={g.id}>
                  {g.headers.map((h) => (
                    <Table.Th
                      key={h.id}
                      scope="col"
                      aria-sort={sort?.id === h.id ? (sort.desc ? 'descending' : 'ascending') : undefined}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </Table.Th>
                  ))}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>
                  <Table.Tr data-testid="pair-row">
                    {row.getVisibleCells().map((cell) => (
                      <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                    ))}
                  </Table.Tr>
                  {row.getIsExpanded() && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={row.getVisibleCells().length - 1}>
                        <Stack gap={6} py={4}>
                          <Text size="sm">{inWords(row.original.explanation)}</Text>
                          <Group gap="xs">
                            {CRITERIA.map((c) => (
                              <Badge key={c.key} variant="outline" color="gray" tt="none" fw={500}>
                                {c.label}: {row.original.points[c.key]}
                              </Badge>
                            ))}
                          </Group>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group justify="space-between">
        <Text size="sm" data-testid="pairs-range">
          {total === 0 ? 'No pairs' : `${(offset + 1).toLocaleString()}–${Math.min(offset + limit, total).toLocaleString()} of ${total.toLocaleString()} pairs`}
        </Text>
        <Group gap="sm">
          <Select
            aria-label="Pairs per page"
            w={130}
            data={['50', '100', '200', '500'].map((n) => ({ value: n, label: `${n} a page` }))}
            value={String(limit)}
            allowDeselect={false}
            onChange={(v) => {
              setLimit(Number(v ?? 50));
              reset();
            }}
          />
          <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
            Previous
          </Button>
          <Button variant="default" disabled={offset + limit >= total} onClick={() => setOffset(offset + limit)}>
            Next
          </Button>
        </Group>
      </Group>
      {dialog && (
        <ChangeDialog
          programId={programId}
          proposalId={proposalId}
          settings={settings}
          pair={dialog.pair}
          mode={dialog.mode}
          onClose={(done) => {
            setDialog(null);
            if (done) setMessage({ ok: true, text: done });
          }}
        />
      )}
    </Stack>
  );
}
