import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { exportUrl, fetchDashboard, type ReportCount, type ReportFilter } from '../../api/reports';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { BarChart } from '../../components/charts/LazyCharts';
import { ReportFilters } from './ReportFilters';

interface Row {
  label: string;
  value: number;
}

/** A chart with its table beside it, and the table's CSV. */
function ChartWithTable({
  title,
  heading,
  valueHeading,
  rows,
  csv,
  testId,
  note,
}: {
  title: string;
  heading: string;
  valueHeading: string;
  rows: Row[];
  csv: string;
  testId: string;
  note?: ReactNode;
}) {
  return (
    <Card withBorder data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {title}
          </Title>
          <Anchor href={csv} download size="sm">
            CSV
          </Anchor>
        </Group>
        {note}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <div role="img" aria-label={`${title}: chart of the table beside it`}>
            <BarChart
              h={200}
              data={rows.map((r) => ({ label: r.label, value: r.value }))}
              dataKey="label"
              series={[{ name: 'value', label: valueHeading, color: 'indigo.7' }]}
              tickLine="y"
              yAxisProps={{ allowDecimals: false }}
            />
          </div>
          <Table striped withTableBorder>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{heading}</Table.Th>
                <Table.Th ta="right">{valueHeading}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.label}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right">{r.value.toLocaleString()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

const rowsOf = (counts: ReportCount[]): Row[] => counts.map((c) => ({ label: c.label, value: c.count }));

/** A program's dashboard for its coordinators and admins (/programs/:programId/reports). */
export function ProgramDashboardPage() {
  usePageTitle('Program dashboard');
  const programId = Number(useParams().programId);
  const [filter, setFilter] = useState<ReportFilter>({});
  const dashboard = useQuery({
    queryKey: ['report-dashboard', programId, filter],
    queryFn: ({ signal }) => fetchDashboard(programId, filter, signal),
    placeholderData: keepPreviousData,
  });
  const csv = (table: string) => exportUrl(programId, 'dashboard', 'csv', filter, table);
  const d = dashboard.data;
  return (
    <Stack gap="md">
      <PageHeader
        title={d ? `${d.program.name}: dashboard` : 'Program dashboard'}
        description="How the program is going, for the people who run and fund it. Counts follow the mentees; mentor load follows the mentors."
      >
        <Group gap="sm">
          <Button component={Link} to={`/programs/${programId}/outcomes`} variant="default">
            Outcomes
          </Button>
          <Button component="a" href={exportUrl(programId, 'dashboard', 'xlsx', filter)} download>
            Download as Excel
          </Button>
        </Group>
      </PageHeader>
      <ReportFilters value={filter} onChange={setFilter} />
      {dashboard.isPending && <Loading label="Loading the dashboard…" />}
      {dashboard.isError && <ErrorAlert error={dashboard.error} title="The dashboard could not be loaded" />}
      {d && (
        <Stack gap="md">
          <ChartWithTable
            title="Enrollment funnel (mentees)"
            heading="Step"
            valueHeading="People"
            rows={d.funnel.map((s) => ({ label: s.label, value: s.people }))}
            csv={csv('funnel')}
            testId="funnel"
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartWithTable
              title="Time from application to match"
              heading="Time"
              valueHeading="Mentees"
              rows={rowsOf(d.days_to_match)}
              csv={csv('days_to_match')}
              testId="days-to-match"
            />
            <ChartWithTable
              title="Time from match to first meeting"
              heading="Time"
              valueHeading="Pairs"
              rows={rowsOf(d.days_to_first_meeting)}
              csv={csv('days_to_first_meeting')}
              testId="days-to-first-meeting"
            />
            <ChartWithTable
              title="Meetings per pair per month against the agreement"
              heading="Meetings"
              valueHeading="Pairs"
              rows={rowsOf(d.meeting_rate)}
              csv={csv('meeting_rate')}
              testId="meeting-rate"
              note={
                <Text size="sm" c="dimmed">
                  On average {d.mean_meetings_per_month.toLocaleString()} meetings a month against{' '}
                  {d.mean_agreed_per_month.toLocaleString()} agreed, for pairs at least a month in.
                </Text>
              }
            />
            <ChartWithTable
              title="Goals"
              heading="Status"
              valueHeading="Goals"
              rows={rowsOf(d.goals)}
              csv={csv('goals')}
              testId="goals"
              note={
                <Text size="sm" c="dimmed">
                  A goal is on track when its progress keeps up with the time gone to its due date.
                </Text>
              }
            />
            <ChartWithTable
              title="Early endings by reason"
              heading="Reason"
              valueHeading="Pairs"
              rows={rowsOf(d.early_endings)}
              csv={csv('early_endings')}
              testId="early-endings"
            />
            <ChartWithTable
              title="Mentor load against capacity"
              heading="Load"
              valueHeading="Mentors"
              rows={rowsOf(d.mentor_load_summary)}
              csv={csv('mentor_load')}
              testId="mentor-load"
            />
          </SimpleGrid>
          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                Surveys
              </Title>
              <Text size="sm">
                Satisfaction, NPS and competency change will appear here once the program has run surveys.
              </Text>
            </Stack>
          </Card>
        </Stack>
      )}
    </Stack>
  );
}
