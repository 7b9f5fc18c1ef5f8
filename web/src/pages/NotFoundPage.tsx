import { Button, Code, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { usePageTitle } from '../layout/usePageTitle';

/** Shown for any address inside the application that has no page. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <Stack gap="md" align="flex-start" data-testid="not-found">
      <Text fw={700} c="indigo.8" fz="sm">
        Error 404
      </Text>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no page at <Code>{pathname}</Code>. The address may be mistyped, or the page
        may have moved.
      </Text>
      <Button component={Link} to="/">
        Go to the start page
      </Button>
    </Stack>
  );
}
