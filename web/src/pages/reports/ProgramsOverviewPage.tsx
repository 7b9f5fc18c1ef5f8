import { Link } from 'react-router-dom';
import { Anchor, Box, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchProgramsOverview, overviewExportUrl } from '../../api/reports';
import { ChartWithTable } from '../../components/charts/ChartWithTable';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const STATUS_WORDS: Record<string, string> = { draft: 'Draft', open: 'Open', closed: 'Closed', archived: 'Archived' };

/** Every program the reader coordinates (admins: all) side by side (/reports/programs). */
export function ProgramsOverviewPage() {
  usePageTitle('Figures of all programs');
  const overview = useQuery({ queryKey: ['programs-overview'], queryFn: ({ signal }) => fetchProgramsOverview(signal) });
  const items = overview.data?.items ?? [];
  const steps = items[0]?.funnel ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Figures of all programs"
        description="The headline figures of every program you run side by side: how many were eligible, applied, were matched and completed, and how the pairs meet."
      >
        <Group gap="sm">
          <Button component="a" href={overviewExportUrl('csv')} download variant="default">
            Download as CSV
          </Button>
          <Button component="a" href={overviewExportUrl('xlsx')} download>
            Download as Excel
          </Button>
        </Group>
      </PageHeader>
      {overview.isPending && <Loading label="Loading the programs’ figures…" />}
      {overview.isError && <ErrorAlert error={overview.error} title="The programs’ figures could not be loaded" />}
      {overview.data && items.length === 0 && <Text>You do not run any program yet.</Text>}
      {items.length > 0 && (
        <>
          <Card withBorder>
            <Box style={{ overflow: 'auto' }} tabIndex={0} role="region" aria-label="Programs: headline figures, table">
              <Table striped withTableBorder>
                <Table.Caption>Programs: headline figures</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Program</Table.Th>
                    <Table.Th>Status</Table.Th>
                    {steps.map((s) => (
                      <Table.Th key={s.step} ta="right">
                        {s.label}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">In force</Table.Th>
                    <Table.Th ta="right">Ended early</Table.Th>
                    <Table.Th ta="right">Meetings a month</Table.Th>
                    <Table.Th ta="right">Agreed a month</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/programs/${p.id}/reports`}>
                          {p.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{STATUS_WORDS[p.status] ?? p.status}</Table.Td>
                      {p.funnel.map((s) => (
                        <Table.Td key={s.step} ta="right">
                          {s.people.toLocaleString()}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right">{p.in_force.toLocaleString()}</Table.Td>
                      <Table.Td ta="right">{p.ended_early.toLocaleString()}</Table.Td>
                      <Table.Td ta="right">{p.mean_meetings_per_month.toLocaleString()}</Table.Td>
                      <Table.Td ta="right">{p.mean_agreed_per_month.toLocaleString()}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </Card>
          <ChartWithTable
            title="Mentees matched and completed, by program"
            heading="Program"
            columns={[
              { key: 'applied', label: 'Applied', color: 'gray.6' },
              { key: 'matched', label: 'Matched', color: 'indigo.7' },
              { key: 'completed', label: 'Completed', color: 'teal.7' },
            ]}
            rows={items.map((p) => {
              const of = (step: string) => p.funnel.find((s) => s.step === step)?.people ?? 0;
              return {
                label: p.name,
                values: { applied: of('applied'), matched: of('matched'), completed: of('completed') },
              };
            })}
            testId="programs-chart"
          />
        </>
      )}
    </Stack>
  );
}
