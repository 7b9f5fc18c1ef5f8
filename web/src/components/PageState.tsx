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
  // Plain words only: never the HTTP status or the API's error code. A 404 (an address that is
  // not a program, a person or a page one may see) says so in a sentence, whatever the server
  // wrote about the id it was sent.
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert color="red" variant="light" title={notFound ? 'Not found' : title} role="alert" data-testid="error">
      <Stack gap={4}>
        <Text size="sm" data-testid="error-message">
          {notFound
            ? 'This does not exist, or you may not see it. Check the address, or choose it again from its list.'
            : errorMessage(error)}
        </Text>
      </Stack>
    </Alert>
  );
}
