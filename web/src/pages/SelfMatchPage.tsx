import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMyApplications } from '../api/applications';
import { errorMessage } from '../api/client';
import { relationshipKeys, useProgramRelationshipPage } from '../api/relationships';
import { skillName, useDepartments, useSites, useSkills } from '../api/people';
import { useProgram } from '../api/programs';
import {
  answerRequest,
  cancelRequest,
  requestMentor,
  useMentors,
  useRequests,
  type MatchRequest,
  type RequestStatus,
  type MentorCard,
} from '../api/selfmatch';
import { formatDate } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { languageList, languageOptions, REQUEST_STATUS_WORDS, wordsFor } from '../components/words';
import { RelationshipStatusBadge } from './matching/RelationshipsPanel';

function RequestBadge({ status }: { status: RequestStatus }) {
  const color = ({ pending: 'blue', accepted: 'green', declined: 'red' } as Record<string, string>)[status] ?? 'gray';
  return (
    <Badge variant="light" color={color}>
      {wordsFor(REQUEST_STATUS_WORDS, status)}
    </Badge>
  );
}

function MentorCardView({ mentor, programId, canRequest }: { mentor: MentorCard; programId: number; canRequest: boolean }) {
  const skills = useSkills();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    try {
      await requestMentor(programId, mentor.employee_id, message);
      setResult({ ok: true, text: `Request sent to ${mentor.name}.` });
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['requests', programId] });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <Card withBorder component="li" data-testid="mentor-card" aria-label={mentor.name}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <div>
            <Anchor component={Link} to={`/people/${encodeURIComponent(mentor.employee_id)}`} fw={700}>
              {mentor.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {[mentor.job_title, mentor.department, mentor.site].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Badge variant="light" color={mentor.capacity.open > 0 ? 'green' : 'gray'}>
            {mentor.capacity.open > 0 ? `${mentor.capacity.open} of ${mentor.capacity.mentees} places open` : 'full'}
          </Badge>
        </Group>
        {mentor.bio && <Text size="sm">{mentor.bio}</Text>}
        {mentor.expertise.length > 0 && (
          <Text size="sm">
            Offers: {mentor.expertise.map((s) => `${skillName(skills.data, s.skill)} (level ${s.level})`).join(', ')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {mentor.availability_hours_per_month} hours a month · speaks {languageList(mentor.languages)}
        </Text>
        {canRequest && mentor.capacity.open > 0 && !open && (
          <Group>
            <Button size="xs" onClick={() => setOpen(true)}>
              Ask {mentor.name}
            </Button>
          </Group>
        )}
        {open && (
          <Stack gap="xs">
            <Textarea label={`Message to ${mentor.name}`} autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
            <Group>
              <Button size="xs" onClick={send}>
                Send request
              </Button>
              <Button size="xs" variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        )}
        {result && (
          <Text role="status" size="sm" c={result.ok ? undefined : 'red.8'}>
            {result.text}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Browser({ programId, canRequest }: { programId: number; canRequest: boolean }) {
  const skills = useSkills();
  const departments = useDepartments();
  const sites = useSites();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [skill, setSkill] = useState<string | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [site, setSite] = useState<string | null>(null);
  const [language, setLanguage] = useState('');
  const [minHours, setMinHours] = useState<number | ''>('');
  const mentors = useMentors(
    programId,
    { q: debouncedQ, skill: skill ?? '', department: department ?? '', site: site ?? '', language: language.trim().toLowerCase(), min_hours: minHours },
    true,
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Search" type="search" placeholder="Name or job title" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select label="Skill offered" clearable searchable placeholder="Any skill" data={(skills.data ?? []).map((s) => ({ value: s.code, label: s.name }))} value={skill} onChange={setSkill} />
        <Select label="Department" clearable searchable placeholder="Any department" data={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))} value={department} onChange={setDepartment} />
        <Select label="Site" clearable searchable placeholder="Any site" data={(sites.data ?? []).map((s) => ({ value: s.code, label: s.name }))} value={site} onChange={setSite} />
        <Select label="Language" clearable searchable placeholder="Any language" data={languageOptions()} value={language || null} onChange={(v) => setLanguage(v ?? '')} />
        <NumberInput label="Hours a month, at least" min={0} max={160} value={minHours} onChange={(v) => setMinHours(v === '' ? '' : Number(v))} />
      </SimpleGrid>
      {mentors.isPending && <Loading label="Loading mentors…" />}
      {mentors.isError && <ErrorAlert error={mentors.error} />}
      {mentors.data && mentors.data.items.length === 0 && <Text c="dimmed">No mentor matches.</Text>}
      {mentors.data && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {mentors.data.items.map((m) => (
            <MentorCardView key={m.employee_id} mentor={m} programId={programId} canRequest={canRequest} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * Requests of one program: the mentee's (outgoing), the mentor's (incoming, with Accept and
 * Decline) or all of them (coordinators). `pendingOnly` lists only those waiting for an answer
 * and nothing at all when none wait (My mentoring).
 */
export function RequestList({
  programId,
  box,
  pendingOnly = false,
}: {
  programId: number;
  box: 'outgoing' | 'incoming' | 'all';
  pendingOnly?: boolean;
}) {
  const requests = useRequests(programId, box, true);
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<Record<number, string>>({});
  const act = useMutation({
    mutationFn: ({ r, action }: { r: MatchRequest; action: 'accept' | 'decline' | 'cancel' }) =>
      action === 'cancel' ? cancelRequest(r.id) : answerRequest(r.id, action, messages[r.id] ?? ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['requests', programId] });
      await queryClient.invalidateQueries({ queryKey: ['mentors', programId] });
      await queryClient.invalidateQueries({ queryKey: ['me', 'relationships'] });
      await queryClient.invalidateQueries({ queryKey: relationshipKeys.program(programId) });
    },
  });
  if (requests.isPending) return <Loading label="Loading requests…" />;
  if (requests.isError) return <ErrorAlert error={requests.error} />;
  const items = pendingOnly ? requests.data.items.filter((r) => r.status === 'pending') : requests.data.items;
  if (pendingOnly && items.length === 0) return null;
  return (
    <Stack gap="sm">
      {act.isError && (
        <Alert color="red" role="alert">
          {errorMessage(act.error)}
        </Alert>
      )}
      {items.length === 0 && <Text c="dimmed">No requests.</Text>}
      {items.map((r) => (
        <Card withBorder key={r.id} data-testid="request-card">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap">
              <Text fw={700}>
                {box === 'outgoing' ? `To ${r.mentor.name}` : box === 'incoming' ? `From ${r.mentee.name}` : `${r.mentee.name} → ${r.mentor.name}`}
              </Text>
              <RequestBadge status={r.status} />
            </Group>
            {r.message && <Text size="sm">“{r.message}”</Text>}
            {r.response_message && <Text size="sm">Answer: “{r.response_message}”</Text>}
            <Text size="sm" c="dimmed">
              Sent {formatDate(r.created_at)}
              {r.status === 'pending' ? `, open until ${formatDate(r.expires_at)}` : ''}
            </Text>
            {r.status === 'pending' && box === 'incoming' && (
              <Stack gap="xs">
                <Textarea
                  label={`Answer to ${r.mentee.name} (optional)`}
                  autosize
                  minRows={1}
                  value={messages[r.id] ?? ''}
                  onChange={(e) => setMessages({ ...messages, [r.id]: e.currentTarget.value })}
                />
                <Group>
                  <Button size="xs" disabled={act.isPending} onClick={() => act.mutate({ r, action: 'accept' })}>
                    Accept
                  </Button>
                  <Button size="xs" variant="default" disabled={act.isPending} onClick={() => act.mutate({ r, action: 'decline' })}>
                    Decline
                  </Button>
                </Group>
              </Stack>
            )}
            {r.status === 'accepted' && (
              <Text size="sm">
                {box === 'outgoing' ? `${r.mentor.name} is your mentor` : box === 'incoming' ? `You mentor ${r.mentee.name}` : 'They are a pair'}
                {box === 'all' ? ' (see Pairs).' : <> — see <Anchor component={Link} to="/mentoring" inherit underline="always">My mentoring</Anchor>.</>}
              </Text>
            )}
            {r.status === 'pending' && box === 'outgoing' && (
              <Group>
                <Button size="xs" variant="default" disabled={act.isPending} onClick={() => act.mutate({ r, action: 'cancel' })}>
                  Cancel request
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** The program's pairs, for its coordinators: every relationship self-match started. */
function Pairs({ programId }: { programId: number }) {
  // The program's first 200 pairs; the program page's relationships table pages through all.
  const relationships = useProgramRelationshipPage(programId, { status: null, person: null, offset: 0, limit: 200 });
  if (relationships.isPending) return <Loading label="Loading pairs…" />;
  if (relationships.isError) return <ErrorAlert error={relationships.error} />;
  const items = relationships.data.items;
  if (items.length === 0) return <Text c="dimmed">No pairs yet: a pair forms when a mentor accepts a request.</Text>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="pairs">
      {items.map((r) => (
        <Card withBorder key={r.id} component="li" data-testid="pair">
          <Group justify="space-between" wrap="wrap">
            <Text>
              <Anchor component={Link} to={`/people/${encodeURIComponent(r.mentee.employee_id)}`} inherit>
                {r.mentee.name}
              </Anchor>{' '}
              is mentored by{' '}
              <Anchor component={Link} to={`/people/${encodeURIComponent(r.mentor.employee_id)}`} inherit>
                {r.mentor.name}
              </Anchor>
              <Text span c="dimmed" size="sm">
                {' '}
                · since {formatDate(r.started_at)}
              </Text>
            </Text>
            <RelationshipStatusBadge status={r.status} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** Self-match: browse the program's mentors, ask one, and answer requests. */
export function SelfMatchPage() {
  const { programId } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  const mine = useMyApplications();
  const [params, setParams] = useSearchParams();
  const approved = (side: string) =>
    (mine.data?.items ?? []).some((a) => a.program.id === id && a.side === side && a.status === 'approved');
  const isMentee = approved('mentee');
  const isMentor = approved('mentor');
  const coordinator = program.data?.me.coordinator ?? false;
  // Named for what the reader does here: mentees find a mentor, mentors answer requests.
  const title = isMentee ? 'Find a mentor' : coordinator ? 'Mentors and requests' : isMentor ? 'Requests to mentor you' : 'Find a mentor';
  usePageTitle(title);
  if (program.isPending || mine.isPending) return <Loading label="Loading…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const tabs = [
    ...(isMentee || coordinator ? [{ value: 'mentors', label: 'Mentors' }] : []),
    ...(isMentee ? [{ value: 'outgoing', label: 'My requests' }] : []),
    ...(isMentor ? [{ value: 'incoming', label: 'Requests to me' }] : []),
    ...(coordinator ? [{ value: 'all', label: 'All requests' }] : []),
    ...(coordinator ? [{ value: 'pairs', label: 'Pairs' }] : []),
  ];
  const tab = tabs.find((t) => t.value === params.get('tab'))?.value ?? tabs[0]?.value;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${id}`}>
        ← {program.data.name}
      </Anchor>
      <PageHeader title={title} description={`${program.data.name}: mentees choose, mentors accept. A request stays open ${program.data.request_expiry_days} days.`} />
      {tabs.length === 0 && (
        <Alert color="blue">Once your application to this program is approved, you can browse its mentors here.</Alert>
      )}
      {tabs.length > 0 && (
        <SegmentedControl aria-label="Show" value={tab} onChange={(v) => setParams({ tab: v }, { replace: true })} data={tabs} style={{ alignSelf: 'flex-start' }} />
      )}
      {tab === 'mentors' && <Browser programId={id} canRequest={isMentee} />}
      {(tab === 'outgoing' || tab === 'incoming' || tab === 'all') && <RequestList programId={id} box={tab} />}
      {tab === 'pairs' && <Pairs programId={id} />}
    </Stack>
  );
}
