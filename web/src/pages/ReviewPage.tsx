import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router-dom';
import { decide, nominate, reviewExportUrl, useReview, type ApplicationRow, type ApplicationStatus, type Side } from '../api/applications';
import { errorMessage } from '../api/client';
import { useProgram } from '../api/programs';
import { DataTable } from '../components/DataTable';
import { formatDateTime } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { ApplicationStatusBadge } from './ApplicationPage';
import { PersonPicker } from '../components/PersonPicker';
import { useDepartmentName } from '../components/Names';
import { MANAGER_APPROVAL_WORDS, SIDE_WORDS, wordsFor } from '../components/words';
import { COORDINATORS_ONLY, ForbiddenPage } from './ForbiddenPage';

const column = createColumnHelper<ApplicationRow>();
const PAGE = 200;

const STATUS_CHOICES = [
  { value: 'submitted', label: 'To review' },
  { value: 'approved', label: 'Approved' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
  { value: 'all', label: 'All' },
];

/** GET /programs/{id}/applications and bulk decisions: the coordinator's review table. */
export function ReviewPage() {
  const { programId } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ApplicationStatus | ''>('submitted');
  // Five status segments do not fit a phone's width: a list there.
  const narrow = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false });
  const [side, setSide] = useState<Side | ''>('');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState<'submitted_at' | 'name' | 'department'>('submitted_at');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [nominees, setNominees] = useState<string[]>([]);
  const [nomineeSide, setNomineeSide] = useState<Side>('mentee');
  const filter = { status, side, q: debouncedQ, sort, offset, limit: PAGE };
  const onStatus = (v: string) => {
    setStatus(v === 'all' ? '' : (v as ApplicationStatus));
    setOffset(0);
    setSelected(new Set());
  };
  const review = useReview(id, filter, program.data?.me.coordinator ?? false);
  usePageTitle('Applications');

  const rows = useMemo(() => review.data?.items ?? [], [review.data]);
  const departmentName = useDepartmentName();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (rowId: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(rowId)) next.delete(rowId);
      else next.add(rowId);
      return next;
    });
  const columns = useMemo(
    () => [
      column.display({
        id: 'select',
        header: () => (
          <Checkbox
            aria-label="Select every application shown"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
          />
        ),
        cell: (info) => (
          <Checkbox
            aria-label={`Select ${info.row.original.applicant.name}`}
            checked={selected.has(info.row.original.id)}
            onChange={() => toggle(info.row.original.id)}
          />
        ),
      }),
      column.accessor((r) => r.applicant.name, {
        id: 'name',
        header: 'Applicant',
        cell: (info) => (
          <Anchor component={Link} to={`/applications/${info.row.original.id}`}>
            {info.getValue()}
          </Anchor>
        ),
      }),
      column.accessor((r) => r.applicant.job_title, { id: 'title', header: 'Job title' }),
      column.accessor((r) => departmentName(r.applicant.department), { id: 'department', header: 'Department' }),
      column.accessor('side', { header: 'Side', cell: (info) => wordsFor(SIDE_WORDS, info.getValue()) }),
      column.accessor('status', { header: 'Status', cell: (info) => <ApplicationStatusBadge status={info.getValue()} /> }),
      column.accessor('manager_approval', { header: 'Manager', cell: (info) => wordsFor(MANAGER_APPROVAL_WORDS, info.getValue()) }),
      column.accessor('submitted_at', { header: 'Sent', cell: (info) => formatDateTime(info.getValue()) }),
    ],
    [rows, selected, allSelected, departmentName],
  );

  if (program.isPending) return <Loading label="Loading…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  if (!program.data.me.coordinator) return <ForbiddenPage reason={COORDINATORS_ONLY} />;

  const act = async (decision: 'approve' | 'decline') => {
    setResult(null);
    try {
      const done = await decide(id, [...selected], decision, message);
      setResult({ ok: true, text: `${done.updated} ${decision === 'approve' ? 'approved' : 'declined'}.` });
      setSelected(new Set());
      setMessage('');
      await queryClient.invalidateQueries({ queryKey: ['review', id] });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    }
  };
  const addNominees = async () => {
    setResult(null);
    const ids = nominees;
    try {
      const done = await nominate(id, nomineeSide, ids);
      setResult({
        ok: true,
        text: `${done.updated === 1 ? 'One person' : `${done.updated} people`} added as approved ${nomineeSide === 'mentor' ? 'mentors' : 'mentees'}.`,
      });
      setNominees([]);
      await queryClient.invalidateQueries({ queryKey: ['review', id] });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    }
  };
  const counts = review.data?.counts;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${id}`}>
        ← {program.data.name}
      </Anchor>
      <PageHeader title="Applications" description={program.data.name}>
        <Group gap="sm">
          <Button component="a" href={reviewExportUrl(id, filter, 'csv')} download variant="default">
            Download as CSV
          </Button>
          <Button component="a" href={reviewExportUrl(id, filter, 'xlsx')} download>
            Download as Excel
          </Button>
        </Group>
      </PageHeader>
      {counts && (
        <Text data-testid="review-counts">
          {counts.submitted} to review · {counts.approved} approved · {counts.declined} declined · {counts.withdrawn} withdrawn
        </Text>
      )}
      <Group align="flex-end" wrap="wrap">
        {narrow ? (
          <Select
            label="Status"
            value={status || 'all'}
            onChange={(v) => onStatus(v ?? 'all')}
            data={STATUS_CHOICES}
            allowDeselect={false}
            w={150}
          />
        ) : (
          <SegmentedControl aria-label="Status" value={status || 'all'} onChange={onStatus} data={STATUS_CHOICES} />
        )}
        <Select
          label="Side"
          value={side || 'both'}
          onChange={(v) => setSide(v === 'both' || !v ? '' : (v as Side))}
          data={[
            { value: 'both', label: 'Both sides' },
            { value: 'mentor', label: 'Mentors' },
            { value: 'mentee', label: 'Mentees' },
          ]}
          allowDeselect={false}
          w={150}
        />
        <Select
          label="Sort by"
          value={sort}
          onChange={(v) => setSort((v ?? 'submitted_at') as typeof sort)}
          data={[
            { value: 'submitted_at', label: 'Date sent' },
            { value: 'name', label: 'Name' },
            { value: 'department', label: 'Department' },
          ]}
          allowDeselect={false}
          w={150}
        />
        <TextInput label="Search" type="search" placeholder="Name or employee id" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      {review.isPending && <Loading label="Loading applications…" />}
      {review.isError && <ErrorAlert error={review.error} />}
      {review.data && (
        <>
          <DataTable
            data={rows}
            columns={columns}
            caption="Applications"
            getRowId={(r) => String(r.id)}
            emptyText="No application matches."
            testId="review-table"
            minWidth={820}
          />
          <Group justify="space-between">
            <Text size="sm">
              {review.data.total === 0 ? 'None' : `${offset + 1}–${Math.min(offset + PAGE, review.data.total)} of ${review.data.total}`}
            </Text>
            <Group>
              <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </Button>
              <Button variant="default" disabled={offset + PAGE >= review.data.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </Button>
            </Group>
          </Group>
        </>
      )}
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={700}>{selected.size} selected</Text>
          <Textarea label="Message to the applicants (optional)" autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          <Group>
            <Button disabled={selected.size === 0} onClick={() => act('approve')}>
              Approve selected
            </Button>
            <Button variant="default" disabled={selected.size === 0} onClick={() => act('decline')}>
              Decline selected
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={700}>Add people directly</Text>
          <Text size="sm" c="dimmed">
            Nominated people join as approved participants without applying; they must be eligible.
          </Text>
          <Group align="flex-end">
            <Select
              label="As"
              value={nomineeSide}
              onChange={(v) => setNomineeSide((v ?? 'mentee') as Side)}
              data={[
                { value: 'mentee', label: 'Mentees' },
                { value: 'mentor', label: 'Mentors' },
              ]}
              allowDeselect={false}
              w={150}
            />
          </Group>
          <PersonPicker label="People to add" value={nominees} onChange={setNominees} />
          <Group>
            <Button variant="default" disabled={nominees.length === 0} onClick={addNominees}>
              Add
            </Button>
          </Group>
        </Stack>
      </Card>
      {result && (
        <Alert color={result.ok ? 'green' : 'red'} role="status">
          {result.text}
        </Alert>
      )}
    </Stack>
  );
}
