import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../layout/usePageTitle';

/**
 * Shown on a page the signed-in user's roles do not allow: admin pages, and a program's pages
 * for its coordinators (edit, forms, review). `reason` says who the page is for, in a sentence.
 */
export function ForbiddenPage({
  reason = 'This page is for administrators. If you need it, ask an administrator of your Pairwise organization to give you the admin role.',
}: {
  reason?: string;
}) {
  usePageTitle('Not allowed');
  return (
    <Stack gap="md" align="flex-start" data-testid="forbidden">
      <Text fw={700} c="indigo.8" fz="sm">
        Error 403
      </Text>
      <Title order={1}>You do not have access to this page</Title>
      <Text>{reason}</Text>
      <Button component={Link} to="/">
        Go to the start page
      </Button>
    </Stack>
  );
}

/** The reason given on a program's coordinator pages. */
export const COORDINATORS_ONLY =
  "This page is for the program's coordinators. If you need it, ask one of them to add you as a coordinator.";
