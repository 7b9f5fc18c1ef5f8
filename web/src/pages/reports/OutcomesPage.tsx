import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  exportUrl,
  fetchOutcomes,
  type OutcomeFigure,
  type OutcomeGroup,
  type ReportFilter,
} from '../../api/reports';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { ReportFilters } from './ReportFilters';

const pct = (v: number | null) => (v === null ? '' : `${v.toFixed(1)}%`);
const points = (v: number | null) => (v === null ? '' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);

/** The sentence a sponsor reads: the rates, the difference and its interval, in words. */
function Sentence({ who, f }: { who: string; f: OutcomeFigure }) {
  if (!f.enough_data) {
    return (
      <Text size="sm">
        {f.label}: not enough data yet ({f.participants} {who} followed up; at least 20 are needed in each group).
      </Text>
    );
  }
  const low = f.ci_low_points ?? 0;
  const high = f.ci_high_points ?? 0;
  const verdict =
    low > 0
      ? 'higher than for comparable colleagues'
      : high < 0
        ? 'lower than for comparable colleagues'
        : 'not clearly different from comparable colleagues';
  return (
    <Text size="sm">
      {f.label}: {pct(f.participant_rate_pct)} of {who} vs {pct(f.comparison_rate_pct)} of comparable colleagues, a
      difference of {points(f.difference_points)} points (95% interval {points(f.ci_low_points)} to{' '}
      {points(f.ci_high_points)}) — {verdict}.
      {f.participant_median_days !== null && f.comparison_median_days !== null
        ? ` Those promoted waited a median of ${f.participant_median_days} days (colleagues: ${f.comparison_median_days}).`
        : ''}
    </Text>
  );
}

function GroupCard({ group }: { group: OutcomeGroup }) {
  const who = group.side === 'mentee' ? 'mentees' : 'mentors';
  const title = group.side === 'mentee' ? 'Mentees' : 'Mentors';
  return (
    <Card withBorder data-testid={`outcomes-${group.side}`}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {group.participants} {who} in the program; {group.matched} compared with a colleague
          {group.unmatched > 0 ? `, ${group.unmatched} without a comparable colleague (left out)` : ''}.
        </Text>
        {group.outcomes.map((f) => (
          <Sentence key={f.outcome} who={who} f={f} />
        ))}
        <div className="pw-table-scroll" role="region" aria-label={`${title}: outcomes`} tabIndex={0}>
          <Table striped withTableBorder miw={760}>
            <Table.Caption>{title}: outcomes against comparable colleagues</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Outcome</Table.Th>
                <Table.Th ta="right">Participants</Table.Th>
                <Table.Th ta="right">Participant rate</Table.Th>
                <Table.Th ta="right">Colleagues</Table.Th>
                <Table.Th ta="right">Colleague rate</Table.Th>
                <Table.Th ta="right">Difference (points)</Table.Th>
                <Table.Th ta="right">95% interval</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.outcomes.map((f) => (
                <Table.Tr key={f.outcome} data-outcome={f.outcome}>
                  <Table.Td>{f.label}</Table.Td>
                  <Table.Td ta="right">{f.participants}</Table.Td>
                  <Table.Td ta="right" data-cell="participant_rate">
                    {f.enough_data ? pct(f.participant_rate_pct) : 'Not enough data'}
                  </Table.Td>
                  <Table.Td ta="right">{f.comparison}</Table.Td>
                  <Table.Td ta="right" data-cell="comparison_rate">
                    {pct(f.comparison_rate_pct)}
                  </Table.Td>
                  <Table.Td ta="right" data-cell="difference">
                    {points(f.difference_points)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {f.enough_data ? `${points(f.ci_low_points)} to ${points(f.ci_high_points)}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Card>
  );
}

/** Outcomes of a program's participants against comparable colleagues (/programs/:programId/outcomes). */
export function OutcomesPage() {
  usePageTitle('Program outcomes');
  const programId = Number(useParams().programId);
  const [filter, setFilter] = useState<ReportFilter>({});
  const outcomes = useQuery({
    queryKey: ['report-outcomes', programId, filter],
    queryFn: ({ signal }) => fetchOutcomes(programId, filter, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <PageHeader
        title="Outcomes against comparable colleagues"
        description="Did participants stay and grow more often than colleagues like them who did not take part?"
      >
        <Group gap="sm">
          <Button component={Link} to={`/programs/${programId}/reports`} variant="default">
            Dashboard
          </Button>
          <Button component="a" href={exportUrl(programId, 'outcomes', 'csv', filter)} download variant="default">
            Download as CSV
          </Button>
          <Button component="a" href={exportUrl(programId, 'outcomes', 'xlsx', filter)} download>
            Download as Excel
          </Button>
        </Group>
      </PageHeader>
      <Alert color="blue" variant="light" title="An association, not proof">
        These figures show whether participants did better than comparable colleagues, not that the program made
        them do better. People who choose to take part, or are chosen, may differ in ways the directory does not
        record — motivation, a supportive manager — and that alone can produce a difference.
      </Alert>
      <ReportFilters value={filter} onChange={setFilter} />
      {outcomes.isPending && <Loading label="Comparing participants with their colleagues…" />}
      {outcomes.isError && <ErrorAlert error={outcomes.error} title="The outcomes could not be loaded" />}
      {outcomes.data && (
        <Stack gap="md">
          {outcomes.data.groups.map((g) => (
            <GroupCard key={g.side} group={g} />
          ))}
          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                How this is measured
              </Title>
              <Text size="sm">
                Each participant is compared with one colleague who, on the day the participant's first relationship in
                the program started, worked in the same department, at the same level and in the same tenure band
                (under 1, 1–2, 2–5, 5–10, over 10 years) and was in no mentoring relationship; of those, the one hired
                nearest in time, each colleague used once. An outcome counts only people whose 12 or 24 months have
                passed. The 95% interval of the difference is Newcombe's hybrid score interval, built from the Wilson
                interval of each rate. Below 20 people in either group the page says "not enough data". Departments
                are today's: the directory does not keep moves between departments.
              </Text>
            </Stack>
          </Card>
        </Stack>
      )}
    </Stack>
  );
}
