import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  Stack,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { ApiError, errorMessage } from '../api/client';
import { useHealth, type Health } from '../api/health';
import { usePageTitle } from '../layout/usePageTitle';

function formatTime(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function StatusMark({ tone }: { tone: 'ok' | 'error' }) {
  return (
    <ThemeIcon
      size={40}
      radius="xl"
      variant="light"
      color={tone === 'ok' ? 'green' : 'red'}
      aria-hidden="true"
    >
      <svg
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
      >
        {tone === 'ok' ? <path d="M5 12.5l4.5 4.5L19 7.5" /> : <path d="M7 7l10 10M17 7L7 17" />}
      </svg>
    </ThemeIcon>
  );
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function HealthDetails({ health }: { health: Health }) {
  const ok = health.status === 'ok';
  return (
    <Stack gap="md">
      <Group gap="md" wrap="nowrap">
        <StatusMark tone={ok ? 'ok' : 'error'} />
        <div>
          <Text fw={600} fz="lg">
            {ok ? 'The server is up' : 'The server reports a problem'}
          </Text>
          <Text c="dimmed" size="sm">
            {ok
              ? 'It answered the health check after a round trip to its database.'
              : 'It answered the health check, but not with "ok".'}
          </Text>
        </div>
      </Group>
      <Divider />
      <dl className="pw-facts" aria-label="Health check result">
        <Fact label="Status" testId="health-status">
          {health.status}
        </Fact>
        <Fact label="Database" testId="health-database">
          {health.database}
        </Fact>
        <Fact label="Server version" testId="health-version">
          {health.version}
        </Fact>
      </dl>
    </Stack>
  );
}

function HealthError({ error }: { error: unknown }) {
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <Stack gap="md">
      <Group gap="md" wrap="nowrap">
        <StatusMark tone="error" />
        <div>
          <Text fw={600} fz="lg">
            The server is not available
          </Text>
          <Text c="dimmed" size="sm">
            The health check failed, so pages that need the server may not work right now.
          </Text>
        </div>
      </Group>
      <Alert color="red" variant="light" title="What the server said" data-testid="health-error">
        <Text size="sm" data-testid="health-error-message">
          {errorMessage(error)}
        </Text>
        {apiError && (
          <Text size="sm" mt="xs" c="red.9">
            {apiError.status > 0 ? `HTTP ${apiError.status}, ` : ''}error code{' '}
            <Text span ff="monospace" fz="sm" data-testid="health-error-code">
              {apiError.code}
            </Text>
          </Text>
        )}
      </Alert>
    </Stack>
  );
}

/** Shows whether the Pairwise server and its database answer: GET /api/v1/health. */
export function StatusPage() {
  usePageTitle('Status');
  const { data, error, isPending, isError, isFetching, dataUpdatedAt, errorUpdatedAt, refetch } =
    useHealth();

  const checkedAt = Math.max(dataUpdatedAt, errorUpdatedAt);
  let announcement = '';
  if (!isFetching) {
    if (isError) announcement = `The server is not available: ${errorMessage(error)}`;
    else if (data) announcement = `The server answered: status ${data.status}.`;
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>System status</Title>
        <Text c="dimmed" mt={4}>
          Whether the Pairwise server and its database are answering.
        </Text>
      </div>

      <Card
        component="section"
        withBorder
        radius="md"
        padding="lg"
        shadow="xs"
        aria-labelledby="health-heading"
        aria-busy={isFetching}
      >
        <Group justify="space-between" align="center" mb="md">
          <Title order={2} fz="h4" id="health-heading">
            Server health
          </Title>
          <Button
            variant="default"
            onClick={() => {
              if (!isFetching) void refetch();
            }}
            aria-disabled={isFetching}
            leftSection={isFetching ? <Loader size={14} color="gray.7" aria-hidden="true" /> : null}
          >
            Check again
          </Button>
        </Group>

        {isPending && isFetching ? (
          <Group gap="sm" py="md" data-testid="health-loading">
            <Loader size="sm" aria-hidden="true" />
            <Text>Checking the server…</Text>
          </Group>
        ) : isError ? (
          <HealthError error={error} />
        ) : data ? (
          <HealthDetails health={data} />
        ) : null}

        {checkedAt > 0 && (
          <Text size="sm" c="dimmed" mt="lg" data-testid="health-checked-at">
            {isFetching ? 'Checking again…' : `Last checked at ${formatTime(checkedAt)}`}
          </Text>
        )}
      </Card>

      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
