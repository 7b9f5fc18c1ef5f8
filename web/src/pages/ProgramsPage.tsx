import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { isAdmin, useSession } from '../api/auth';
import {
  needLabel,
  typeLabel,
  usePrograms,
  type ProgramStatus,
} from '../api/programs';
import { useMyApplications } from '../api/applications';
import { formatDate } from '../components/format';
import { ApplicationStatusBadge } from './ApplicationPage';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

type View = import('../api/programs').ProgramListView | 'mine';
const VIEWS: { value: View; label: string; empty: string }[] = [
  { value: 'joinable', label: 'I can join', empty: 'No program is taking applications that you can join right now.' },
  { value: 'mine', label: 'I am in', empty: 'You have not applied to or joined any program yet.' },
  { value: 'running', label: 'I run', empty: 'You do not coordinate any program yet.' },
  { value: 'all', label: 'All', empty: 'No program to show yet.' },
];

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  const color = { draft: 'gray', open: 'green', closed: 'orange', archived: 'dark' }[status];
  return (
    <Badge variant="light" color={color}>
      {status}
    </Badge>
  );
}

/** GET /programs: what I run, what I can join, and every program I may see. */
export function ProgramsPage() {
  usePageTitle('Programs');
  const session = useSession();
  const account = session.data?.account;
  const mayCreate = isAdmin(account) || (account?.roles ?? []).includes('coordinator');
  const [params, setParams] = useSearchParams();
  const view = VIEWS.find((v) => v.value === params.get('view'))?.value ?? 'joinable';
  const listed = usePrograms(view === 'mine' ? 'all' : view);
  const mine = useMyApplications();
  const programs = view === 'mine' ? mine : listed;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Programs"
        description="Mentoring programs: the ones you run, the ones taking applications you can join, and all you may see."
      >
        {mayCreate && (
          <Group gap="sm">
            <Button component={Link} to="/reports/programs" variant="default">
              Figures of all programs
            </Button>
            <Button component={Link} to="/programs/new">
              New program
            </Button>
          </Group>
        )}
      </PageHeader>
      <SegmentedControl
        aria-label="Which programs"
        value={view}
        onChange={(value) => setParams({ view: value }, { replace: true })}
        data={VIEWS.map((v) => ({ value: v.value, label: v.label }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {programs.isPending && <Loading label="Loading programs…" />}
      {programs.isError && <ErrorAlert error={programs.error} />}
      {programs.data && programs.data.items.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">{VIEWS.find((v) => v.value === view)?.empty}</Text>
        </Card>
      )}
      {view === 'mine' && mine.data && mine.data.items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {mine.data.items.map((a) => (
            <Card withBorder key={a.id} component="li">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Anchor component={Link} to={`/programs/${a.program.id}`} fw={700} size="lg">
                    {a.program.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    As a {a.side} · <Anchor component={Link} to={`/applications/${a.id}`}>your application</Anchor>
                  </Text>
                </div>
                <ApplicationStatusBadge status={a.status} />
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {view !== 'mine' && listed.data && listed.data.items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {listed.data.items.map((p) => (
            <Card withBorder key={p.id} component="li" data-testid="program-card">
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <div>
                  <Anchor component={Link} to={`/programs/${p.id}`} fw={700} size="lg">
                    {p.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {typeLabel(p.type)} · {needLabel(p.need)} · {formatDate(p.start_date)} to{' '}
                    {formatDate(p.end_date)}
                  </Text>
                  <Text size="sm">
                    Applications {formatDate(p.enrollment_opens)} to {formatDate(p.enrollment_closes)}
                  </Text>
                </div>
                <ProgramStatusBadge status={p.status} />
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
