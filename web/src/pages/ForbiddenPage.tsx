import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../layout/usePageTitle';

/** Shown on a page the signed-in user's roles do not allow. */
export function ForbiddenPage() {
  usePageTitle('Not allowed');
  return (
    <Stack gap="md" align="flex-start" data-testid="forbidden">
      <Text fw={700} c="indigo.8" fz="sm">
        Error 403
      </Text>
      <Title order={1}>You do not have access to this page</Title>
      <Text>
        This page is for administrators. If you need it, ask an administrator of your Pairwise
        organization to give you the admin role.
      </Text>
      <Button component={Link} to="/">
        Go to the start page
      </Button>
    </Stack>
  );
}
