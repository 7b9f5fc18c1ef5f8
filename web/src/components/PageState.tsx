import type { ReactNode } from 'react';
import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { ApiError, errorMessage } from '../api/client';

/** The page's heading and a sentence about what it is for. */
export function PageHeader({ title, description, children }: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="md">
      <div>
        <Title order={1}>{title}</Title>
        {description && (
          <Text c="dimmed" mt={4}>
            {description}
          </Text>
        )}
      </div>
      {children}
    </Group>
  );
}

/** A loading indicator with words, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <Group gap="sm" py="md" role="status" data-testid="loading">
      <Loader size="sm" aria-hidden="true" />
      <Text>{label}</Text>
    </Group>
  );
}

/** What went wrong, in the API's words. */
export function ErrorAlert({ error, title = 'Something went wrong' }: {
  error: unknown;
  title?: string;
}) {
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error">
      <Stack gap={4}>
        <Text size="sm" data-testid="error-message">
          {errorMessage(error)}
        </Text>
        {apiError && apiError.status > 0 && (
          <Text size="xs" c="red.9">
            HTTP {apiError.status}, error code <span className="pw-mono">{apiError.code}</span>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
