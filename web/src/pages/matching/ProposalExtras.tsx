import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  compareVerdict,
  deleteConstraint,
  objectiveWords,
  scoreOutOf100,
  scoreText,
  settingDifferences,
  matchingKeys,
  useComparison,
  useFairness,
  useUnmatched,
  type FairnessRow,
  type MatchSettings,
  type PairConstraint,
  type Proposal,
  type UnmatchedMentee,
} from '../../api/matching';
import { DataTable } from '../../components/DataTable';
import { DepartmentName } from '../../components/Names';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';
import { loadText, percent, rankedText } from './ProposalSummary';

const unmatchedColumn = createColumnHelper<UnmatchedMentee>();
const unmatchedColumns = [
  unmatchedColumn.accessor((u) => u.mentee.name, {
    id: 'name',
    header: 'Mentee',
    cell: (info) => (
      <Anchor component={Link} to={`/people/${encodeURIComponent(info.row.original.mentee.employee_id)}`}>
        {info.getValue()}
      </Anchor>
    ),
  }),
  unmatchedColumn.accessor((u) => u.mentee.department, {
    id: 'department',
    header: 'Department',
    cell: (info) => <DepartmentName code={info.getValue()} />,
  }),
  unmatchedColumn.accessor((u) => u.mentee.level, { id: 'level', header: 'Level' }),
  unmatchedColumn.accessor('explanation', { header: 'Why no mentor' }),
];

const UNMATCHED_PAGE = 100;

/** Mentees the proposal leaves without a mentor, with the reason. */
export function UnmatchedList({ programId, proposalId }: { programId: number; proposalId: number }) {
  const unmatched = useUnmatched(programId, proposalId, true);
  const [shown, setShown] = useState(UNMATCHED_PAGE);
  if (unmatched.isPending) return <Loading label="Loading unmatched mentees…" />;
  if (unmatched.isError) return <ErrorAlert error={unmatched.error} />;
  const items = unmatched.data.items;
  return (
    <Stack gap="xs">
      <DataTable
        data={items.slice(0, shown)}
        columns={unmatchedColumns}
        caption="Unmatched mentees"
        getRowId={(u) => u.mentee.employee_id}
        emptyText="Every mentee has a mentor."
        testId="unmatched-table"
      />
      {items.length > shown && (
        <Group>
          <Text size="sm">
            Showing {shown.toLocaleString()} of {items.length.toLocaleString()}.
          </Text>
          <Button variant="default" size="xs" onClick={() => setShown(shown + UNMATCHED_PAGE)}>
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const DIMENSIONS: { key: FairnessRow['dimension']; label: string }[] = [
  { key: 'department', label: 'By department' },
  { key: 'site', label: 'By site' },
  { key: 'level_band', label: 'By level band' },
];

/** The fixed dimensions, then one per reporting attribute the organization imports. */
function dimensionsOf(rows: FairnessRow[]): { key: string; label: string }[] {
  const attributes = [...new Set(rows.map((r) => r.dimension).filter((d) => d.startsWith('attribute:')))].sort();
  return [
    ...DIMENSIONS,
    ...attributes.map((key) => ({ key, label: `By ${key.slice('attribute:'.length).replace(/_/g, ' ')} (imported attribute)` })),
  ];
}

/** Coverage and mean score by group, to see whether some groups fare worse. */
export function FairnessPanel({ programId, proposalId, settings }: {
  programId: number;
  proposalId: number;
  /** The run's settings: mean scores are shown out of 100 under its weights. */
  settings: MatchSettings;
}) {
  const fairness = useFairness(programId, proposalId, true);
  if (fairness.isPending) return <Loading label="Loading the fairness view…" />;
  if (fairness.isError) return <ErrorAlert error={fairness.error} />;
  const f = fairness.data;
  return (
    <Stack gap="md" data-testid="fairness">
      <Text>
        Overall: {percent(f.overall.mentees ? f.overall.matched / f.overall.mentees : 0)} of {f.overall.mentees.toLocaleString()} mentees
        matched, mean score {scoreText(f.overall.mean_score, settings)} out of 100.
      </Text>
      {f.hidden_groups > 0 && (
        <Text size="sm" c="dimmed">
          {f.hidden_groups} group{f.hidden_groups === 1 ? ' has' : 's have'} fewer than {f.min_group_size} mentees and{' '}
          {f.hidden_groups === 1 ? 'is' : 'are'} not shown, so that nobody can be singled out.
        </Text>
      )}
      {dimensionsOf(f.rows).map((d) => {
        const rows = f.rows.filter((r) => r.dimension === d.key);
        return (
          <Stack key={d.key} gap={4}>
            <Title order={3} size="h5">
              {d.label}
            </Title>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                No group large enough to show.
              </Text>
            ) : (
              <div className="pw-table-scroll" role="region" aria-label={`Fairness ${d.label.toLowerCase()}`} tabIndex={0}>
                <Table striped miw={520} verticalSpacing={4} layout="fixed">
                  <caption className="pw-visually-hidden">Coverage and mean score {d.label.toLowerCase()}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Group</Table.Th>
                      <Table.Th scope="col">Mentees</Table.Th>
                      <Table.Th scope="col">Matched</Table.Th>
                      <Table.Th scope="col">Coverage</Table.Th>
                      <Table.Th scope="col">Mean score (of 100)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.group}>
                        <Table.Td>{r.group}</Table.Td>
                        <Table.Td>{r.mentees.toLocaleString()}</Table.Td>
                        <Table.Td>{r.matched.toLocaleString()}</Table.Td>
                        <Table.Td>{percent(r.coverage)}</Table.Td>
                        <Table.Td>{scoreText(r.mean_score, settings)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

function proposalLabel(p: Proposal): string {
  const kind = p.kind === 'rematch' ? 'rematch' : p.what_if ? 'what-if run (settings not saved)' : 'full run';
  return `#${p.id} · ${kind} · ${formatDateTime(p.created_at)}`;
}

/** Two proposals side by side, and the mentees whose mentor differs. */
export function ComparePanel({ programId, current, proposals }: {
  programId: number;
  current: Proposal;
  proposals: Proposal[];
}) {
  const others = proposals.filter((p) => p.id !== current.id && p.summary);
  const [otherId, setOtherId] = useState<string | null>(null);
  const chosen = otherId ?? (others[0] ? String(others[0].id) : null);
  const comparison = useComparison(programId, current.id, chosen === null ? null : Number(chosen));
  if (others.length === 0) {
    return <Text c="dimmed">No other finished proposal to compare with yet: run matching again (or a what-if run).</Text>;
  }
  const c = comparison.data;
  const out100 = (p: Proposal, raw: number) => Math.round(scoreOutOf100(raw, p.settings));
  const rows: { label: string; value: (p: Proposal) => string; num?: (p: Proposal) => number | null }[] = [
    {
      label: 'Matched',
      value: (p) => (p.summary ? `${percent(p.summary.matched_share)} (${p.summary.matched.toLocaleString()} of ${p.summary.mentees.toLocaleString()})` : '—'),
      num: (p) => p.summary?.matched ?? null,
    },
    { label: 'Mean score (out of 100)', value: (p) => (p.summary ? String(out100(p, p.summary.mean_score)) : '—'), num: (p) => (p.summary ? out100(p, p.summary.mean_score) : null) },
    { label: 'Lowest score (out of 100)', value: (p) => (p.summary ? String(out100(p, p.summary.lowest_score)) : '—'), num: (p) => (p.summary ? out100(p, p.summary.lowest_score) : null) },
    { label: 'Mentors by number of mentees', value: (p) => (p.summary ? loadText(p.summary.mentor_load) : '—') },
    { label: 'Ranked choices honoured', value: (p) => (p.summary ? rankedText(p.summary) : '—'), num: (p) => p.summary?.ranked_honoured ?? null },
    { label: 'First choices', value: (p) => (p.summary ? p.summary.first_choice.toLocaleString() : '—'), num: (p) => p.summary?.first_choice ?? null },
    { label: 'Aim', value: (p) => objectiveWords(p.settings.objective) },
  ];
  const difference = (r: (typeof rows)[number], a: Proposal, b: Proposal) => {
    if (!r.num) return r.value(a) === r.value(b) ? 'Same' : 'Differs';
    const x = r.num(a);
    const y = r.num(b);
    if (x === null || y === null) return '—';
    if (x === y) return 'Same';
    return `${y > x ? '+' : '−'}${Math.abs(y - x).toLocaleString()}`;
  };
  return (
    <Stack gap="md" data-testid="compare">
      <Select
        label="Compare with"
        w={{ base: '100%', sm: 380 }}
        data={others.map((p) => ({ value: String(p.id), label: proposalLabel(p) }))}
        value={chosen}
        onChange={setOtherId}
        allowDeselect={false}
      />
      {comparison.isPending && <Loading label="Comparing…" />}
      {comparison.isError && <ErrorAlert error={comparison.error} />}
      {c && (
        <>
          <div className="pw-table-scroll" role="region" aria-label="Summary side by side" tabIndex={0}>
            <Table withTableBorder miw={760}>
              <caption className="pw-visually-hidden">The two proposals side by side</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Figure</Table.Th>
                  <Table.Th scope="col">{proposalLabel(c.a)}</Table.Th>
                  <Table.Th scope="col">{proposalLabel(c.b)}</Table.Th>
                  <Table.Th scope="col">Difference (#{c.b.id} against #{c.a.id})</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.label}>
                    <Table.Th scope="row">{r.label}</Table.Th>
                    <Table.Td>{r.value(c.a)}</Table.Td>
                    <Table.Td>{r.value(c.b)}</Table.Td>
                    <Table.Td>{difference(r, c.a, c.b)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Text fw={600} data-testid="compare-verdict">
            {compareVerdict(c.a, c.b)}
          </Text>
          <Stack gap={2} data-testid="compare-settings">
            {settingDifferences(c.a.settings, c.b.settings).length === 0 ? (
              <Text size="sm">Both ran with the same settings.</Text>
            ) : (
              <>
                <Text size="sm" fw={600}>
                  Settings that differ (#{c.a.id} → #{c.b.id}):
                </Text>
                <List size="sm">
                  {settingDifferences(c.a.settings, c.b.settings).map((d) => (
                    <List.Item key={d}>{d}</List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
          <Text fw={600} data-testid="compare-changed">
            {c.changed === 0
              ? 'Every mentee has the same mentor in both.'
              : `${c.changed.toLocaleString()} mentee${c.changed === 1 ? ' has' : 's have'} a different mentor${c.changes.length < c.changed ? ` (the first ${c.changes.length} shown)` : ''}.`}
          </Text>
          {c.changes.length > 0 && (
            <div className="pw-table-scroll" role="region" aria-label="Changed pairs" tabIndex={0}>
              <Table striped miw={620} verticalSpacing={4}>
                <caption className="pw-visually-hidden">Mentees whose mentor differs</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Mentee</Table.Th>
                    <Table.Th scope="col">In #{c.a.id} (score of 100)</Table.Th>
                    <Table.Th scope="col">In #{c.b.id} (score of 100)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.changes.map((d) => (
                    <Table.Tr key={d.mentee.employee_id}>
                      <Table.Td>{d.mentee.name}</Table.Td>
                      <Table.Td>{d.a ? `${d.a.name} (${scoreText(d.a.score, c.a.settings)})` : 'unmatched'}</Table.Td>
                      <Table.Td>{d.b ? `${d.b.name} (${scoreText(d.b.score, c.b.settings)})` : 'unmatched'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </>
      )}
    </Stack>
  );
}

/** The program's pins and forbids, each removable. */
export function ConstraintsList({ programId, items }: { programId: number; items: PairConstraint[] }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const remove = async (c: PairConstraint) => {
    setError(null);
    try {
      await deleteConstraint(programId, c.mentee.employee_id, c.mentor.employee_id);
      await queryClient.invalidateQueries({ queryKey: matchingKeys.constraints(programId) });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="xs" data-testid="constraints">
      <Text size="sm" c="dimmed">
        A pin keeps a pair in every run; a forbid keeps it out of every run. They apply from the next run on.
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {items.length === 0 ? (
        <Text c="dimmed" data-testid="constraints-empty">
          No pins or forbids yet. Use Pin or Forbid on a pair.
        </Text>
      ) : (
        <Table striped verticalSpacing={4}>
          <caption className="pw-visually-hidden">Pins and forbids</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Mentee</Table.Th>
              <Table.Th scope="col">Mentor</Table.Th>
              <Table.Th scope="col">Since</Table.Th>
              <Table.Th scope="col">
                <span className="pw-visually-hidden">Remove</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={`${c.mentee.employee_id}|${c.mentor.employee_id}`} data-testid={`constraint-${c.kind}`}>
                <Table.Td>{c.kind === 'pin' ? 'Pinned' : 'Forbidden'}</Table.Td>
                <Table.Td>{c.mentee.name}</Table.Td>
                <Table.Td>{c.mentor.name}</Table.Td>
                <Table.Td>{formatDateTime(c.created_at)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    aria-label={`Remove the ${c.kind} of ${c.mentee.name} with ${c.mentor.name}`}
                    onClick={() => void remove(c)}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
