import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, List, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useMyApplications } from '../api/applications';
import { errorMessage } from '../api/client';
import { useDepartments, useSites } from '../api/people';
import {
  moveProgram,
  needLabel,
  programQueryKey,
  setMyCapacity,
  typeLabel,
  useMyCapacity,
  useProgram,
  useProgramEligibility,
  type EligibilityRules,
  type Program,
  type SideEligibility,
} from '../api/programs';
import { formatDate, formatDateTime } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { shadowMentorList } from '../components/words';
import { usePageTitle } from '../layout/usePageTitle';
import { ApplicationStatusBadge } from './ApplicationPage';
import { AgreementTemplateCard, ProgramRelationshipsCard } from './relationship/ProgramRelationships';
import { ProgramStatusBadge } from './ProgramsPage';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <Text c="dimmed" w={190} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div>{children}</div>
    </Group>
  );
}

function RulesText({ rules }: { rules: EligibilityRules }) {
  const departments = useDepartments();
  const sites = useSites();
  const name = (list: { code: string; name: string }[] | undefined, code: string) =>
    list?.find((x) => x.code === code)?.name ?? code;
  // One sentence: who may join, then each limit ("Open to people at work, in Finance, level 5
  // and above."), never a bare status word.
  const parts: string[] = [rules.statuses.includes('leave') ? 'people at work or on leave' : 'people at work (not on leave)'];
  if (rules.departments.length) parts.push(`in ${rules.departments.map((c) => name(departments.data, c)).join(' or ')}`);
  if (rules.sites.length) parts.push(`at ${rules.sites.map((c) => name(sites.data, c)).join(' or ')}`);
  if (rules.min_level !== null && rules.max_level !== null) parts.push(`levels ${rules.min_level} to ${rules.max_level}`);
  else if (rules.min_level !== null) parts.push(`level ${rules.min_level} and above`);
  else if (rules.max_level !== null) parts.push(`level ${rules.max_level} and below`);
  if (rules.min_tenure_months !== null) parts.push(`with at least ${rules.min_tenure_months} months in the organization`);
  if (rules.employee_ids.length) parts.push(`only ${rules.employee_ids.length === 1 ? 'one named person' : `${rules.employee_ids.length} named people`}`);
  return <>Open to {parts.join(', ')}.</>;
}

function MyEligibility({ label, e }: { label: string; e: SideEligibility }) {
  return (
    <Text>
      {e.eligible ? `You may join as ${label}.` : `You may not join as ${label}: ${e.message}.`}
    </Text>
  );
}

function StatusActions({ program }: { program: Program }) {
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'open' | 'close' | 'archive') => moveProgram(program.id, action),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: programQueryKey(program.id) }),
        queryClient.invalidateQueries({ queryKey: ['programs'] }),
      ]),
  });
  const actions: { action: 'open' | 'close' | 'archive'; label: string }[] = [];
  if (program.status === 'draft' || program.status === 'closed') {
    actions.push({ action: 'open', label: program.status === 'draft' ? 'Open for applications' : 'Reopen' });
  }
  if (program.status === 'open') actions.push({ action: 'close', label: 'Close' });
  if (program.status === 'draft' || program.status === 'closed') actions.push({ action: 'archive', label: 'Archive' });
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm">
        {program.status !== 'archived' && (
          <Button variant="default" component={Link} to={`/programs/${program.id}/edit`}>
            Edit
          </Button>
        )}
        {actions.map((a) => (
          <Button key={a.action} onClick={() => act.mutate(a.action)} loading={act.isPending} variant={a.action === 'archive' ? 'default' : 'filled'}>
            {a.label}
          </Button>
        ))}
      </Group>
      {act.isError && (
        <Alert color="red" role="alert">
          {errorMessage(act.error)}
        </Alert>
      )}
    </Stack>
  );
}

function MyCapacity({ program }: { program: Program }) {
  const queryClient = useQueryClient();
  const capacity = useMyCapacity(program.id, true);
  const [mentees, setMentees] = useState<number | string>('');
  const [hours, setHours] = useState<number | string>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation({
    mutationFn: (values: { mentees: number; hours_per_month: number }) => setMyCapacity(program.id, values),
    onMutate: () => setMessage(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['program', program.id, 'capacity'] });
      setMessage({ ok: true, text: 'Saved.' });
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  if (!capacity.data) return null;
  const values = {
    mentees: Number(mentees === '' ? capacity.data.mentees : mentees),
    hours_per_month: Number(hours === '' ? capacity.data.hours_per_month : hours),
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Your capacity as a mentor
        </Title>
        <Text size="sm" c="dimmed">
          The program asks up to {program.mentor_capacity.mentees} mentees and{' '}
          {program.mentor_capacity.hours_per_month} hours a month; you may take on less.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label="Mentees at once" min={1} max={program.mentor_capacity.mentees} value={mentees === '' ? capacity.data.mentees : mentees} onChange={setMentees} />
          <NumberInput label="Hours a month" min={1} max={program.mentor_capacity.hours_per_month} value={hours === '' ? capacity.data.hours_per_month : hours} onChange={setHours} />
          <Button onClick={() => save.mutate(values)} loading={save.isPending} style={{ alignSelf: 'flex-end' }}>
            Save capacity
          </Button>
        </SimpleGrid>
        {message && (
          <Text role="status" c={message.ok ? undefined : 'red.8'}>
            {message.text}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Where enrollment stands, in a sentence, when the program does not take applications today. */
function enrollmentSentence(program: Program): string {
  const window = `from ${formatDate(program.enrollment_opens)} to ${formatDate(program.enrollment_closes)}`;
  switch (program.status) {
    case 'draft':
      return `This program is a draft: applications open when a coordinator opens it (planned ${window}).`;
    case 'open':
      return `Applications are taken ${window}.`;
    case 'archived':
      return 'This program is archived.';
    default:
      return 'Applications are closed.';
  }
}

/** The actor's applications to this program, and the way to apply. */
function MyParticipation({ program }: { program: Program }) {
  const mine = useMyApplications();
  const today = new Date().toISOString().slice(0, 10);
  const windowOpen =
    program.status === 'open' && program.enrollment_opens <= today && today <= program.enrollment_closes;
  const here = (mine.data?.items ?? []).filter((a) => a.program.id === program.id);
  const active = (side: string) => here.find((a) => a.side === side && a.status !== 'withdrawn');
  const approved = here.some((a) => a.status === 'approved');
  return (
    <Stack gap="xs">
      {program.type === 'self_match' && (approved || program.me.coordinator) && (
        <Group>
          <Button component={Link} to={`/programs/${program.id}/mentors`}>
            {here.some((a) => a.side === 'mentee' && a.status === 'approved')
              ? 'Find a mentor'
              : program.me.coordinator
                ? 'Mentors and requests'
                : 'Requests to mentor you'}
          </Button>
        </Group>
      )}
      {here.map((a) => (
        <Group key={a.id} gap="xs">
          <Anchor component={Link} to={`/applications/${a.id}`}>
            Your application as a {a.side}
          </Anchor>
          <ApplicationStatusBadge status={a.status} />
        </Group>
      ))}
      {windowOpen ? (
        <Group gap="sm">
          {program.me.mentee_eligible.eligible && !active('mentee') && (
            <Button component={Link} to={`/programs/${program.id}/apply/mentee`}>
              Apply as a mentee
            </Button>
          )}
          {program.me.mentor_eligible.eligible && !active('mentor') && (
            <Button component={Link} to={`/programs/${program.id}/apply/mentor`} variant="default">
              Apply as a mentor
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed" data-testid="enrollment">
          {enrollmentSentence(program)}
        </Text>
      )}
    </Stack>
  );
}

/** GET /programs/{id}: the program as the signed-in person sees it. */
export function ProgramPage() {
  const { programId } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  const coordinator = program.data?.me.coordinator ?? false;
  const counts = useProgramEligibility(id, coordinator);
  usePageTitle(program.data?.name ?? 'Program');
  if (program.isPending) return <Loading label="Loading the program…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const p = program.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/programs">
        ← Programs
      </Anchor>
      <PageHeader
        title={p.name}
        description={`${typeLabel(p.type)} · ${needLabel(p.need)}`}
      >
        {coordinator && <StatusActions program={p} />}
      </PageHeader>
      <Group gap="xs">
        <ProgramStatusBadge status={p.status} />
      </Group>
      {p.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Text>}
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h3">
            Details
          </Title>
          <Row label="Applications">{formatDate(p.enrollment_opens)} to {formatDate(p.enrollment_closes)}</Row>
          <Row label="Runs">{formatDate(p.start_date)} to {formatDate(p.end_date)}</Row>
          <Row label="Relationships">{p.relationship_months} months, meeting {p.meeting_cadence === 'biweekly' ? 'every two weeks' : p.meeting_cadence}</Row>
          {p.group && <Row label="Groups">{p.group.min_size} to {p.group.max_size} mentees</Row>}
          {p.training && <Row label="Training course">{p.training.course}</Row>}
          <Row label="Mentor capacity">{p.mentor_capacity.mentees} mentees, {p.mentor_capacity.hours_per_month} hours a month</Row>
          {p.objectives && <Row label="Objectives">{p.objectives}</Row>}
          {p.measures.length > 0 && (
            <Row label="Measures">
              <List size="sm">{p.measures.map((m) => <List.Item key={m}>{m}</List.Item>)}</List>
            </Row>
          )}
          <Row label="Coordinators">
            {p.coordinators.map((c, i) => (
              <span key={c.employee_id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/people/${encodeURIComponent(c.employee_id)}`}>{c.name}</Anchor>
              </span>
            ))}
          </Row>
          {p.shadow_mentors.length > 0 && (
            <Row label="Shadow mentors">
              <span data-testid="shadow-mentors">{shadowMentorList(p.shadow_mentors)}</span>
            </Row>
          )}
          <Row label="Who may mentor">
            <span data-testid="mentor-eligibility">
              <RulesText rules={p.eligibility.mentor} />
            </span>
          </Row>
          <Row label="Who may be mentored">
            <span data-testid="mentee-eligibility">
              <RulesText rules={p.eligibility.mentee} />
            </span>
          </Row>
          {p.manager_approval && <Row label="Managers">approve their reports' time</Row>}
          {p.requires_mentor_credential && <Row label="Credential">mentors must hold one</Row>}
          <Row label="Last changed">{formatDateTime(p.updated_at)}</Row>
        </Stack>
      </Card>
      {coordinator && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={2} size="h3">
              Running it
            </Title>
            <Group gap="sm">
              <Button component={Link} to={`/programs/${p.id}/review`}>
                Applications
              </Button>
              {p.type !== 'self_match' && (
                <Button component={Link} to={`/programs/${p.id}/matching`}>
                  Matching
                </Button>
              )}
              <Button component={Link} to={`/programs/${p.id}/health`}>
                Relationship health
              </Button>
              <Button component={Link} to={`/programs/${p.id}/reports`}>
                Dashboard
              </Button>
              <Button component={Link} to={`/programs/${p.id}/outcomes`}>
                Outcomes
              </Button>
              <Button component={Link} to={`/programs/${p.id}/surveys`}>
                Surveys
              </Button>
              <Button variant="default" component={Link} to={`/programs/${p.id}/forms/mentee`}>
                Mentee form
              </Button>
              <Button variant="default" component={Link} to={`/programs/${p.id}/forms/mentor`}>
                Mentor form
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {coordinator && p.status !== 'draft' && <ProgramRelationshipsCard programId={p.id} />}
      {coordinator && <AgreementTemplateCard programId={p.id} />}
      {coordinator && (
        <Card withBorder data-testid="program-eligibility">
          <Title order={2} size="h3" mb="xs">
            Who the rules admit today
          </Title>
          {counts.isPending && <Text>Counting…</Text>}
          {counts.isError && <ErrorAlert error={counts.error} />}
          {counts.data && (
            <Text>
              {counts.data.mentor.count.toLocaleString()} possible mentors and{' '}
              {counts.data.mentee.count.toLocaleString()} possible mentees.
            </Text>
          )}
        </Card>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h3">
            You and this program
          </Title>
          <MyEligibility label="a mentor" e={p.me.mentor_eligible} />
          <MyEligibility label="a mentee" e={p.me.mentee_eligible} />
          <MyParticipation program={p} />
        </Stack>
      </Card>
      {p.me.mentor_eligible.eligible && p.status !== 'archived' && <MyCapacity program={p} />}
    </Stack>
  );
}
