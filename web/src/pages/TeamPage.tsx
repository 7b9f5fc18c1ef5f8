import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { managerApproval, useMyTeam, type TeamEntry } from '../api/applications';
import { errorMessage } from '../api/client';
import { formatDate } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

/** Where a report stands in a program, in a sentence: applied, approved, matched with whom since when. */
export function standing(t: TeamEntry): string {
  const role = t.side === 'mentor' ? 'a mentor' : 'a mentee';
  switch (t.status) {
    case 'submitted':
      return `Applied as ${role}; the coordinators have not decided yet.`;
    case 'approved':
      if (t.matched_with) {
        const since = t.matched_since ? ` since ${formatDate(t.matched_since)}` : '';
        return t.side === 'mentor'
          ? `Mentoring ${t.matched_with.name}${since}.`
          : `Mentored by ${t.matched_with.name}${since}.`;
      }
      return `Approved as ${role}; not matched yet.`;
    case 'declined':
      return `Applied as ${role}; not taken this time.`;
    default:
      return `Withdrew as ${role}.`;
  }
}

/** GET /me/team: the mentoring programs the people I manage take part in (never their answers). */
export function TeamPage() {
  usePageTitle('My team');
  const team = useMyTeam();
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: ({ applicationId, approve }: { applicationId: number; approve: boolean }) => managerApproval(applicationId, approve),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'team'] }),
  });
  return (
    <Stack gap="lg">
      <PageHeader
        title="My team"
        description="The mentoring programs the people you manage take part in. What they wrote in their applications stays between them and the coordinators."
      />
      {answer.isError && (
        <Alert color="red" role="alert">
          {errorMessage(answer.error)}
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
                {t.program.name}
                {t.direct_report ? '' : ' (not a direct report)'}
              </Text>
              <Text size="sm" data-testid="team-standing">
                {standing(t)}
              </Text>
            </div>
            {t.manager_approval !== 'not_needed' && (
              <Group gap="xs">
                {t.manager_approval === 'pending' ? (
                  <>
                    <Button size="xs" disabled={answer.isPending} onClick={() => answer.mutate({ applicationId: t.application_id, approve: true })}>
                      Approve the time
                    </Button>
                    <Button size="xs" variant="default" disabled={answer.isPending} onClick={() => answer.mutate({ applicationId: t.application_id, approve: false })}>
                      Decline
                    </Button>
                  </>
                ) : (
                  <Badge variant="light">{t.manager_approval === 'approved' ? 'time approved' : 'time declined'}</Badge>
                )}
              </Group>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
