import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useMyApplications, type MyApplication } from '../api/applications';
import { useMyRelationships, type Relationship } from '../api/matching';
import { useIncomingRequests } from '../api/selfmatch';
import { formatDate } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { RelationshipStatusBadge } from './matching/RelationshipsPanel';
import { RequestList } from './SelfMatchPage';

function RelationshipCard({ r }: { r: Relationship }) {
  const mentee = r.role === 'mentee';
  const partner = mentee ? r.mentor : r.mentee;
  return (
    <Card withBorder data-testid="relationship">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h4">
              {mentee ? 'Your mentor' : 'Your mentee'}:{' '}
              <Anchor component={Link} to={`/people/${encodeURIComponent(partner.employee_id)}`} inherit underline="always">
                {partner.name}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              <Anchor component={Link} to={`/programs/${r.program.id}`} size="sm" underline="always">
                {r.program.name}
              </Anchor>
              {' · '}you are the {r.role} · since {formatDate(r.started_at)}
              {r.ended_at && ` · ended ${formatDate(r.ended_at)}${r.end_reason ? ` (${r.end_reason})` : ''}`}
            </Text>
          </div>
          <RelationshipStatusBadge status={r.status} />
        </Group>
        {r.status === 'active' && (
          <Anchor component={Link} to={`/mentoring/${r.id}/meetings`} underline="always" data-testid="meetings-link">
            Meetings with {partner.name}
          </Anchor>
        )}
        {r.explanation && (
          <div>
            <Text size="sm" fw={600}>
              Why you were paired
            </Text>
            <Text size="sm">{r.explanation}</Text>
          </div>
        )}
      </Stack>
    </Card>
  );
}

/** Requests waiting for the mentor's answer in one self-match program (nothing when none wait). */
function WaitingRequests({ application }: { application: MyApplication }) {
  return (
    <section aria-label={`Requests to you in ${application.program.name}`} data-testid="incoming-requests">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to={`/programs/${application.program.id}/mentors?tab=incoming`} size="sm" underline="always">
            {application.program.name}
          </Anchor>
        </Text>
        <RequestList programId={application.program.id} box="incoming" pendingOnly />
      </Stack>
    </section>
  );
}

/**
 * GET /me/relationships: the signed-in person's mentoring relationships, as mentor or mentee;
 * above them, the self-match requests waiting for their answer as a mentor.
 */
export function MyMentoringPage() {
  usePageTitle('My mentoring');
  const relationships = useMyRelationships();
  const applications = useMyApplications();
  const items = relationships.data?.items ?? [];
  // Programs where people may ask the reader to mentor them.
  const mentoring = (applications.data?.items ?? []).filter(
    (a) => a.side === 'mentor' && a.status === 'approved' && a.program.type === 'self_match' && a.program.status !== 'archived',
  );
  const incoming = useIncomingRequests(mentoring.map((a) => a.program.id));
  const waiting = mentoring.filter((_, i) => incoming[i]?.data?.items.some((r) => r.status === 'pending'));
  return (
    <Stack gap="lg">
      <PageHeader
        title="My mentoring"
        description="The people you mentor and the mentors you have, in every program."
      />
      {waiting.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h3">
            Requests waiting for your answer
          </Title>
          {waiting.map((a) => (
            <WaitingRequests key={a.id} application={a} />
          ))}
        </Stack>
      )}
      {relationships.isPending && <Loading label="Loading your relationships…" />}
      {relationships.isError && <ErrorAlert error={relationships.error} />}
      {relationships.data && items.length === 0 && (
        <Card withBorder>
          <Text c="dimmed" data-testid="relationships-empty">
            You have no mentoring relationships yet. When a program you joined publishes its matches, or a mentor
            accepts your request, your mentor or mentees appear here.
          </Text>
        </Card>
      )}
      {items.map((r) => (
        <RelationshipCard key={r.id} r={r} />
      ))}
    </Stack>
  );
}
