import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { fetchSchedulerTicks, runSchedulerTick, type SchedulerTick } from '../../api/relationshipHealth';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const STATUS_WORDS: Record<SchedulerTick['status'], string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Admin: the scheduler's hourly runs (health, nudges, meeting reminders, endings) (/admin/scheduler). */
export function SchedulerPage() {
  usePageTitle('Scheduler');
  const queryClient = useQueryClient();
  const ticks = useQuery({ queryKey: ['scheduler'], queryFn: ({ signal }) => fetchSchedulerTicks(signal) });
  const run = useMutation({
    mutationFn: runSchedulerTick,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scheduler'] }),
  });
  const last = ticks.data?.items[0];

  return (
    <Stack gap="lg">
      <PageHeader
        title="Scheduler"
        description="Once an hour one server scores every active pair, sends the nudges that are due, reminds pairs of tomorrow's meetings and completes relationships that reached their end. Running it again sends nothing twice."
      />
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Text fw={600}>Last run</Text>
            {last ? (
              <Text size="sm">
                {formatDateTime(last.started_at)}, took {duration(last.duration_ms)}: {last.summary || 'still running'}
              </Text>
            ) : (
              <Text size="sm">It has not run yet.</Text>
            )}
          </Stack>
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            Run now
          </Button>
        </Group>
        {run.isSuccess && (
          <Alert mt="md" color="blue" title={run.data.ran ? 'Done' : 'Not run'}>
            {run.data.ran ? run.data.summary : 'Another server is running this hour’s tick right now.'}
          </Alert>
        )}
        {run.isError && (
          <Alert mt="md" color="red" title="Could not run the scheduler">
            {errorMessage(run.error)}
          </Alert>
        )}
      </Card>
      <Card withBorder radius="md" padding="lg">
        {ticks.isPending ? (
          <Loading label="Loading the scheduler's runs…" />
        ) : ticks.isError ? (
          <ErrorAlert error={ticks.error} title="Could not load the scheduler's runs" />
        ) : ticks.data.items.length === 0 ? (
          <Text>No runs yet.</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Caption>The latest runs, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th>Took</Table.Th>
                  <Table.Th>What it did</Table.Th>
                  <Table.Th>Server</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ticks.data.items.map((t) => (
                  <Table.Tr key={t.period}>
                    <Table.Td className="pw-nowrap">{formatDateTime(t.started_at)}</Table.Td>
                    <Table.Td>
                      <Badge color={t.status === 'failed' ? 'red' : t.status === 'done' ? 'green' : 'blue'} variant="light">
                        {STATUS_WORDS[t.status]}
                      </Badge>
                      {t.attempts > 1 && <Text size="xs">taken over ({t.attempts} tries)</Text>}
                    </Table.Td>
                    <Table.Td className="pw-nowrap">{duration(t.duration_ms)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" maw={480}>
                        {t.summary}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{t.claimed_by}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
