import { useMemo } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useSearchParams } from 'react-router-dom';
import { isAdmin, useSession } from '../api/auth';
import { fetchPeople, peopleExportUrl, useDepartments, useSites, useSkills, type PersonSummary } from '../api/people';
import { DataTable } from '../components/DataTable';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

const column = createColumnHelper<PersonSummary>();

export function StatusBadge({ status }: { status: string }) {
  if (!status || status === 'active') return null;
  return (
    <Badge variant="light" color={status === 'left' ? 'gray' : 'orange'} ml="xs">
      {status === 'leave' ? 'on leave' : status}
    </Badge>
  );
}

const columns = [
  column.accessor('name', {
    header: 'Name',
    cell: (info) => (
      <>
        <Anchor component={Link} to={`/people/${encodeURIComponent(info.row.original.employee_id)}`} fw={600}>
          {info.getValue()}
        </Anchor>
        <StatusBadge status={info.row.original.status} />
      </>
    ),
  }),
  column.accessor('job_title', { header: 'Job title' }),
  column.accessor((p) => p.department?.name ?? '', { id: 'department', header: 'Department' }),
  column.accessor((p) => p.site?.name ?? '', { id: 'site', header: 'Site' }),
  column.accessor('email', { header: 'Email' }),
];

/** GET /people: everyone in the organization, searchable by name, email, department, skill. */
export function DirectoryPage() {
  usePageTitle('People');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const department = params.get('department') ?? '';
  const site = params.get('site') ?? '';
  const skill = params.get('skill') ?? '';
  const skills = useSkills();
  const [debouncedQ] = useDebouncedValue(q, 250);
  const departments = useDepartments();
  const sites = useSites();
  const session = useSession();

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const filter = { q: debouncedQ.trim(), department, site, skill };
  const people = useInfiniteQuery({
    queryKey: ['people', filter],
    queryFn: ({ pageParam, signal }) => fetchPeople(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = useMemo(() => people.data?.pages.flatMap((p) => p.items) ?? [], [people.data]);
  const filtered = Boolean(filter.q || department || site || skill);

  let announcement = '';
  if (people.isSuccess && !people.isFetching) {
    announcement =
      rows.length === 0
        ? 'No people found.'
        : `${rows.length}${people.hasNextPage ? ' or more' : ''} people shown.`;
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="People"
        description="Everyone in your organization's directory. Search by name, email, department or skill."
      >
        {isAdmin(session.data?.account) && (
          <Group gap="sm">
            <Button component="a" href={peopleExportUrl(filter, 'csv')} download variant="default">
              Download as CSV
            </Button>
            <Button component="a" href={peopleExportUrl(filter, 'xlsx')} download>
              Download as Excel
            </Button>
          </Group>
        )}
      </PageHeader>
      <Card withBorder radius="md" padding="md" component="section" role="search" aria-label="Search people">
        <Group align="flex-end" gap="md" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Name, email, department or skill"
            type="search"
            value={q}
            onChange={(e) => setParam('q', e.currentTarget.value)}
            miw={220}
            data-testid="people-search"
          />
          {departments.isSuccess && (
            <Select
              label="Department"
              placeholder="All departments"
              data={departments.data.map((d) => ({ value: d.code, label: d.name }))}
              value={department || null}
              onChange={(v) => setParam('department', v ?? '')}
              clearable
              clearButtonProps={{ 'aria-label': 'Show all departments' }}
              searchable
              miw={180}
            />
          )}
          {sites.isSuccess && (
            <Select
              label="Site"
              placeholder="All sites"
              data={sites.data.map((s) => ({ value: s.code, label: s.name }))}
              value={site || null}
              onChange={(v) => setParam('site', v ?? '')}
              clearable
              clearButtonProps={{ 'aria-label': 'Show all sites' }}
              searchable
              miw={160}
            />
          )}
          {skills.isSuccess && (
            <Select
              label="Skill offered"
              placeholder="Any skill"
              data={skills.data.map((s) => ({ value: s.code, label: s.name }))}
              value={skill || null}
              onChange={(v) => setParam('skill', v ?? '')}
              clearable
              clearButtonProps={{ 'aria-label': 'Show people with any skill' }}
              searchable
              miw={180}
            />
          )}
        </Group>
      </Card>

      {people.isPending ? (
        <Loading label="Loading people…" />
      ) : people.isError ? (
        <ErrorAlert error={people.error} title="Could not load the directory" />
      ) : (
        <Card withBorder radius="md" padding={0}>
          <DataTable
            data={rows}
            columns={columns}
            caption={filtered ? 'People matching the search' : 'People'}
            getRowId={(p) => p.employee_id}
            emptyText={
              filtered
                ? 'Nobody matches this search. Try fewer words or another filter.'
                : 'The directory is empty. An administrator can import people.'
            }
            testId="people-table"
          />
          {people.hasNextPage && (
            <Group justify="center" p="md">
              <Button
                variant="default"
                onClick={() => void people.fetchNextPage()}
                loading={people.isFetchingNextPage}
              >
                Show more people
              </Button>
            </Group>
          )}
        </Card>
      )}
      {people.isSuccess && (
        <Text size="sm" c="dimmed" aria-hidden="true">
          {rows.length === 0 ? '' : `${rows.length}${people.hasNextPage ? '+' : ''} shown`}
        </Text>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
