import type { ReactNode } from 'react';
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import {
  skillName,
  usePerson,
  useSkills,
  type PersonEvent,
  type PersonSummary,
  type Profile,
  type SkillLevel,
} from '../api/people';
import { formatDate } from '../components/format';
import { ErrorAlert, Loading } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { languageList } from '../components/words';
import { StatusBadge } from './DirectoryPage';
import { usePersonCredential } from '../api/credentials';
import { CredentialLine } from './credentials/MyCredentialPage';

/** The person's Mentor credential, for those who may see it (the person, coordinators, reviewers). */
function PersonCredential({ employeeId }: { employeeId: string }) {
  const credential = usePersonCredential(employeeId);
  if (!credential.data) return null;
  return (
    <div data-testid="person-credential" style={{ marginTop: 8 }}>
      <CredentialLine credential={credential.data} />
    </div>
  );
}

function personLink(p: PersonSummary) {
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(p.employee_id)}`}>
      {p.name}
    </Anchor>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

const MEETING: Record<string, string> = {
  virtual: 'Virtual',
  in_person: 'In person',
  either: 'Virtual or in person',
};

function SkillList({ skills, testId }: { skills: SkillLevel[]; testId: string }) {
  const taxonomy = useSkills();
  if (skills.length === 0) return <Text c="dimmed">None listed.</Text>;
  return (
    <Group gap="xs" data-testid={testId}>
      {skills.map((s) => (
        <Badge key={s.skill} variant="light" size="lg" tt="none">
          {skillName(taxonomy.data, s.skill)} · level {s.level}
        </Badge>
      ))}
    </Group>
  );
}

function ProfileSection({ profile }: { profile: Profile | null }) {
  if (!profile) {
    return (
      <Section id="profile-heading" title="Profile">
        <Text c="dimmed">No profile yet.</Text>
      </Section>
    );
  }
  return (
    <Section id="profile-heading" title="Profile">
      <Stack gap="md">
        <Text data-testid="profile-bio" style={{ whiteSpace: 'pre-wrap' }}>
          {profile.bio || <Text span c="dimmed">No bio yet.</Text>}
        </Text>
        <dl className="pw-facts">
          <dt>Availability</dt>
          <dd>
            {profile.availability_hours_per_month != null
              ? `${profile.availability_hours_per_month} hours a month`
              : '—'}
          </dd>
          <dt>Meets</dt>
          <dd>{profile.meeting_preference ? MEETING[profile.meeting_preference] : '—'}</dd>
          <dt>Speaks</dt>
          <dd>{languageList(profile.languages)}</dd>
        </dl>
        <div>
          <Title order={3} fz="h5" mb="xs">
            Expertise offered
          </Title>
          <SkillList skills={profile.expertise} testId="profile-expertise" />
        </div>
        <div>
          <Title order={3} fz="h5" mb="xs">
            Wants to grow
          </Title>
          <SkillList skills={profile.wants} testId="profile-wants" />
        </div>
      </Stack>
    </Section>
  );
}

/** "level 2 → 3, title Engineer → Senior Engineer" for a promotion; other fields as they are. */
function eventText(event: PersonEvent): string {
  const parts: string[] = [];
  const change = (what: string, from: unknown, to: unknown) => {
    if ((from ?? null) === null && (to ?? null) === null) return;
    if (from === to) return;
    parts.push(`${what} ${from ?? '—'} → ${to ?? '—'}`);
  };
  change('level', event.from_level, event.to_level);
  change('title', event.from_title, event.to_title);
  for (const [key, value] of Object.entries(event)) {
    if (['date', 'at', 'kind', 'type', 'from_level', 'to_level', 'from_title', 'to_title'].includes(key)) {
      continue;
    }
    if (value === null || value === undefined || value === '') continue;
    parts.push(`${key.replace(/_/g, ' ')}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join(', ');
}

/** GET /people/{employee_id}: the directory entry, management chain, reports and profile. */
export function PersonPage() {
  const { employeeId = '' } = useParams();
  const query = usePerson(employeeId);
  usePageTitle(query.data?.person.name ?? 'Person');

  if (query.isPending) return <Loading label="Loading this person…" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{missing ? 'Person not found' : 'Could not load this person'}</Title>
        {missing ? (
          <Text>
            There is nobody with employee id <span className="pw-mono">{employeeId}</span> in the
            directory.
          </Text>
        ) : (
          <ErrorAlert error={query.error} />
        )}
        <Anchor component={Link} to="/people">
          Back to the people directory
        </Anchor>
      </Stack>
    );
  }

  const { person, manager_chain: chain, direct_reports: reports, profile, history } = query.data;
  // The chain is listed from the top of the organization down to this person's manager.
  const topDown = [...chain];
  if (topDown.length > 1 && topDown[0]?.employee_id === person.manager_employee_id) topDown.reverse();

  return (
    <Stack gap="lg">
      <nav aria-label="Management chain">
        {topDown.length === 0 ? (
          <Text size="sm" c="dimmed">
            Top of the organization
          </Text>
        ) : (
          <ol className="pw-chain" data-testid="manager-chain">
            {topDown.map((m) => (
              <li key={m.employee_id}>{personLink(m)}</li>
            ))}
            <li aria-current="page">{person.name}</li>
          </ol>
        )}
      </nav>
      <div>
        <Group gap="xs" align="center">
          <Title order={1} data-testid="person-name">
            {person.name}
          </Title>
          <StatusBadge status={person.status} />
        </Group>
        <Text c="dimmed" mt={4}>
          {[person.job_title, person.department?.name, person.site?.name].filter(Boolean).join(' · ')}
        </Text>
        <PersonCredential employeeId={person.employee_id} />
      </div>

      <Section id="directory-heading" title="Directory details">
        <dl className="pw-facts" data-testid="person-facts">
          <dt>Employee id</dt>
          <dd>{person.employee_id}</dd>
          <dt>Email</dt>
          <dd>
            <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor>
          </dd>
          <dt>Level</dt>
          <dd>{person.level ?? '—'}</dd>
          <dt>Time zone</dt>
          <dd>{person.time_zone || '—'}</dd>
          <dt>Languages</dt>
          <dd>{languageList(person.languages)}</dd>
          <dt>Hired</dt>
          <dd>{formatDate(person.hire_date)}</dd>
          <dt>Manager</dt>
          <dd>
            {chain.find((m) => m.employee_id === person.manager_employee_id)
              ? personLink(chain.find((m) => m.employee_id === person.manager_employee_id)!)
              : '—'}
          </dd>
        </dl>
      </Section>

      <ProfileSection profile={profile} />

      <Section id="reports-heading" title={`Direct reports (${reports.length})`}>
        {reports.length === 0 ? (
          <Text c="dimmed">No direct reports.</Text>
        ) : (
          <List spacing={4} data-testid="direct-reports">
            {reports.map((r) => (
              <List.Item key={r.employee_id}>
                {personLink(r)}
                <Text span c="dimmed" size="sm">
                  {' '}
                  — {r.job_title}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      {history && (
        <Section id="history-heading" title="History">
          {history.length === 0 ? (
            <Text c="dimmed">No promotions or other changes recorded.</Text>
          ) : (
            <List spacing={4} data-testid="person-history">
              {history.map((e, i) => (
                <List.Item key={i}>
                  <Text span fw={600}>
                    {formatDate(String(e.date ?? e.at ?? ''))}
                  </Text>{' '}
                  {String(e.kind ?? e.type ?? 'change')}
                  {eventText(e) && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      — {eventText(e)}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      )}
    </Stack>
  );
}
