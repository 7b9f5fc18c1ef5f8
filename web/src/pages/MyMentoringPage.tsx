import { Anchor, Button, Card, Group, List, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useMyApplications, type MyApplication } from '../api/applications';
import { useGroup } from '../api/groups';
import { formatSpan, useActionItems, useMeetings, useMyAvailability } from '../api/meetings';
import {
  MODE_LABELS,
  OCCASION_LABELS,
  useFeedback,
  useGoals,
  useMyRelationshipList,
  useRelationship,
  type RelationshipSummary,
} from '../api/relationships';
import { useIncomingRequests } from '../api/selfmatch';
import { mySurveys } from '../api/surveys';
import { formatDate } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { ResourceLinks } from '../components/ResourceLinks';
import { RelationshipStatusLabel } from './relationship/RelationshipStatusLabel';
import { RequestList } from './SelfMatchPage';
import { SurveysDue } from './surveys/SurveysDue';
import { AssessmentsDue } from './assessments/AssessmentsDue';

/** What the person should do next in this relationship, in a sentence, or null. */
function nextStep(r: RelationshipSummary): string | null {
  if (r.status === 'pending_agreement') return 'Read and accept your mentoring agreement to get started.';
  if (r.status === 'active') {
    const mine = r.role === 'mentor' ? r.mentor_completed : r.mentee_completed;
    const theirs = r.role === 'mentor' ? r.mentee_completed : r.mentor_completed;
    if (theirs && !mine) return 'The other side marked the relationship complete. Do you agree?';
  }
  return null;
}

/** How often, in words: "every 2 weeks", "every 10 days". */
function cadenceWords(days: number): string {
  if (days === 1) return 'every day';
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return `every ${days} days`;
}

function HomeSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/**
 * The home of an active relationship: the next meeting, open action items, goals with their
 * progress, the agreement's terms and feedback waiting for the reader. Each part reads the same
 * API the relationship page's tabs read.
 */
function RelationshipHome({ r, partnerName }: { r: RelationshipSummary; partnerName: string }) {
  const detail = useRelationship(r.id);
  const meetings = useMeetings(r.id);
  const items = useActionItems(r.id);
  const goals = useGoals(r.id);
  const feedback = useFeedback(r.id);
  const timeZone = useMyAvailability().data?.time_zone;
  const now = Date.now();
  const next = (meetings.data?.items ?? []).find(
    (m) => (m.status === 'scheduled' || m.status === 'proposed') && Date.parse(m.ends_at) > now,
  );
  const open = (items.data?.items ?? []).filter((i) => !i.done);
  const names = { mentor: r.role === 'mentor' ? 'you' : r.mentor.name, mentee: r.role === 'mentee' ? 'you' : r.mentee.name };
  const due = (feedback.data?.rounds ?? []).filter((f) => !f.mine && f.theirs_given);
  const agreement = detail.data?.agreement;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="relationship-home">
      <HomeSection title="Next meeting">
        <Text size="sm" data-testid="home-next-meeting">
          {meetings.isPending
            ? 'Loading…'
            : next
              ? `${formatSpan(next.starts_at, next.ends_at, timeZone)} · ${
                  next.status === 'proposed' ? (next.awaiting_me ? 'waiting for your answer' : `waiting for ${partnerName}`) : 'scheduled'
                }`
              : 'Nothing planned yet.'}{' '}
          <Anchor component={Link} to={`/relationships/${r.id}/meetings`} size="sm" underline="always" data-testid="meetings-link">
            {next ? `Meetings with ${partnerName}` : `Plan a meeting with ${partnerName}`}
          </Anchor>
        </Text>
      </HomeSection>
      <HomeSection title="Open action items">
        {open.length === 0 ? (
          <Text size="sm" c="dimmed">
            {items.isPending ? 'Loading…' : 'None open.'}
          </Text>
        ) : (
          <List size="sm" data-testid="home-action-items">
            {open.slice(0, 3).map((i) => (
              <List.Item key={i.id}>
                {i.text} — {names[i.owner]}, by {formatDate(i.due_date)}
              </List.Item>
            ))}
            {open.length > 3 && <List.Item>and {open.length - 3} more</List.Item>}
          </List>
        )}
      </HomeSection>
      <HomeSection title="Goals">
        {(goals.data?.items ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {goals.isPending ? 'Loading…' : 'No goals yet.'}
          </Text>
        ) : (
          <Stack gap={6} data-testid="home-goals">
            {(goals.data?.items ?? []).slice(0, 3).map((g) => (
              <div key={g.id}>
                <Text size="sm">
                  {g.title}: {g.completed ? 'completed' : `${g.progress}% done`}
                </Text>
                <Progress value={g.progress} size="sm" aria-label={`${g.title}: ${g.progress}% done`} />
              </div>
            ))}
          </Stack>
        )}
      </HomeSection>
      <HomeSection title="Agreement">
        <Text size="sm" data-testid="home-agreement">
          {agreement
            ? `Meet ${cadenceWords(agreement.cadence_days)}, ${MODE_LABELS[agreement.mode].toLowerCase()}${
                agreement.end_date ? `, until ${formatDate(agreement.end_date)}` : ''
              }.`
            : 'Loading…'}
        </Text>
        {detail.data?.face_to_face_suggested && (
          <Text size="sm" c="dimmed">
            Try to meet face to face at least once.
          </Text>
        )}
      </HomeSection>
      {due.length > 0 && (
        <HomeSection title="Feedback due">
          <Text size="sm" data-testid="home-feedback-due">
            {partnerName} gave feedback ({due.map((f) => OCCASION_LABELS[f.occasion].toLowerCase()).join(', ')}); give yours to
            read theirs.{' '}
            <Anchor component={Link} to={`/relationships/${r.id}/feedback`} size="sm" underline="always">
              Give feedback
            </Anchor>
          </Text>
        </HomeSection>
      )}
    </SimpleGrid>
  );
}

/** Group programs: everyone the person meets with, in a sentence. */
function GroupLine({ r }: { r: RelationshipSummary }) {
  const group = useGroup(r.id);
  if (!group.data) return null;
  const me = r.role === 'mentee' ? r.mentee.employee_id : r.mentor.employee_id;
  const others = group.data.mentees.filter((m) => m.employee_id !== me).map((m) => m.name);
  return (
    <Text size="sm" data-testid="group-line">
      {r.role === 'mentor'
        ? `You mentor a group of ${group.data.mentees.length}: ${group.data.mentees.map((m) => m.name).join(', ')}.`
        : others.length > 0
          ? `A group with ${group.data.mentor.name}, mentoring you with ${others.join(', ')}.`
          : `A group with ${group.data.mentor.name}; no other mentee yet.`}{' '}
      <Anchor component={Link} to={`/relationships/${r.id}/group`} underline="always">
        Group notes
      </Anchor>
    </Text>
  );
}

function RelationshipCard({ r }: { r: RelationshipSummary }) {
  const mentee = r.role === 'mentee';
  const partner = mentee ? r.mentor : r.mentee;
  const step = nextStep(r);
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
              {r.ended_at && ` · ended ${formatDate(r.ended_at)}`}
            </Text>
          </div>
          <RelationshipStatusLabel status={r.status} />
        </Group>
        {r.program.type === 'group' && r.status !== 'ended_early' && <GroupLine r={r} />}
        {r.status === 'active' && <RelationshipHome r={r} partnerName={partner.name} />}
        {r.explanation && r.status !== 'ended_early' && (
          <div>
            <Text size="sm" fw={600}>
              Why you were paired
            </Text>
            <Text size="sm">{r.explanation}</Text>
          </div>
        )}
        {step && (
          <Text size="sm" fw={600} data-testid="next-step">
            {step}
          </Text>
        )}
        <Group>
          <Button component={Link} to={`/relationships/${r.id}`} variant={step ? 'filled' : 'default'} size="sm">
            {r.status === 'pending_agreement' ? 'Open the agreement' : 'Open the relationship'}
          </Button>
        </Group>
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
 * GET /me/relationships: a home for each of the person's relationships, as mentor or mentee;
 * above them, the self-match requests waiting for their answer as a mentor.
 */
export function MyMentoringPage() {
  usePageTitle('My mentoring');
  const relationships = useMyRelationshipList();
  const applications = useMyApplications();
  const items = relationships.data?.items ?? [];
  // Programs where people may ask the reader to mentor them.
  const mentoring = (applications.data?.items ?? []).filter(
    (a) => a.side === 'mentor' && a.status === 'approved' && a.program.type === 'self_match' && a.program.status !== 'archived',
  );
  const incoming = useIncomingRequests(mentoring.map((a) => a.program.id));
  const waiting = mentoring.filter((_, i) => incoming[i]?.data?.items.some((r) => r.status === 'pending'));
  const current = items.filter((r) => r.status === 'pending_agreement' || r.status === 'active');
  const past = items.filter((r) => r.status !== 'pending_agreement' && r.status !== 'active');
  const surveys = useQuery({ queryKey: ['me', 'surveys'], queryFn: ({ signal }) => mySurveys(signal) });
  return (
    <Stack gap="lg">
      <PageHeader
        title="My mentoring"
        description="The people you mentor and the mentors you have, in every program."
      />
      <ResourceLinks
        intro="New to this?"
        links={[
          { topic: 'first-meeting', label: 'Your first meeting' },
          { topic: 'smart-goals', label: 'Setting SMART goals' },
          { topic: 'listening', label: 'Listening well' },
        ]}
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
      {surveys.data && <SurveysDue items={surveys.data.items} />}
      <AssessmentsDue />
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
      {current.map((r) => (
        <RelationshipCard key={r.id} r={r} />
      ))}
      {past.length > 0 && (
        <Title order={2} size="h3">
          Earlier relationships
        </Title>
      )}
      {past.map((r) => (
        <RelationshipCard key={r.id} r={r} />
      ))}
    </Stack>
  );
}
