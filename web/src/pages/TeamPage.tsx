import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { managerApproval, useMyTeam } from '../api/applications';
import { errorMessage } from '../api/client';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { ApplicationStatusBadge } from './ApplicationPage';

/** GET /me/team: the mentoring programs the people I manage take part in (never their answers). */
export function TeamPage() {
  usePageTitle('My team');
  const team = useMyTeam();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const answer = async (applicationId: number, approve: boolean) => {
    setError(null);
    try {
      await managerApproval(applicationId, approve);
      await queryClient.invalidateQueries({ queryKey: ['me', 'team'] });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="lg">
      <PageHeader
        title="My team"
        description="The mentoring programs the people you manage take part in. What they wrote in their applications stays between them and the coordinators."
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {team.isPending && <Loading label="Loading…" />}
      {team.isError && <ErrorAlert error={team.error} />}
      {team.data && team.data.items.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">Nobody you manage takes part in a program yet.</Text>
        </Card>
      )}
      {team.data?.items.map((t) => (
        <Card withBorder key={t.application_id} data-testid="team-entry">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Text fw={700}>{t.person.name}</Text>
              <Text size="sm" c="dimmed">
                {t.side} in {t.program.name}
                {t.direct_report ? '' : ' (not a direct report)'}
              </Text>
            </div>
            <Group gap="xs">
              <ApplicationStatusBadge status={t.status} />
              {t.manager_approval === 'pending' ? (
                <>
                  <Button size="xs" onClick={() => answer(t.application_id, true)}>
                    Approve the time
                  </Button>
                  <Button size="xs" variant="default" onClick={() => answer(t.application_id, false)}>
                    Decline
                  </Button>
                </>
              ) : (
                t.manager_approval !== 'not_needed' && <Badge variant="light">time {t.manager_approval}</Badge>
              )}
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
