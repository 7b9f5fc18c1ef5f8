import { lazy, Suspense, useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Progress,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import {
  cancelRun,
  isActive,
  matchingKeys,
  publishProposal,
  startRematch,
  startRun,
  useConstraints,
  useMatchSettings,
  useProposal,
  useProposals,
  usePublishPreview,
  scoreText,
  staleSentences,
  type MatchSettings,
  type Proposal,
  type ProposalStatus,
} from '../../api/matching';
import { usePerson } from '../../api/people';
import { useProgram } from '../../api/programs';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { PairsTable } from './PairsTable';
import { ComparePanel, ConstraintsList, FairnessPanel, UnmatchedList } from './ProposalExtras';
import { percent, SummaryView } from './ProposalSummary';
import { SettingsPanel } from './SettingsPanel';

// Shown only once the proposal is published and its tab opened: loaded then, not with the page.
const RelationshipsPanel = lazy(() =>
  import('./RelationshipsPanel').then((m) => ({ default: m.RelationshipsPanel })),
);

const STATUS_COLOR: Record<ProposalStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
  published: 'indigo',
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]}>
      {status}
    </Badge>
  );
}

/** A person's name from the directory, linked; the employee id until it is known. */
function PersonName({ employeeId }: { employeeId: string }) {
  const person = usePerson(employeeId);
  if (!employeeId) return <>—</>;
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(employeeId)}`} size="sm">
      {person.data?.person.name ?? employeeId}
    </Anchor>
  );
}

/** The job of a queued or running run: progress, phase, Cancel. */
function RunProgress({ programId, run }: { programId: number; run: Proposal }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelRun(programId, run.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: matchingKeys.proposal(programId, run.id) }),
  });
  return (
    <Stack gap={6} data-testid="run-progress">
      <Group justify="space-between">
        <Text fw={600}>
          {run.kind === 'rematch' ? 'Rematch' : 'Matching'} #{run.id}: {run.status === 'queued' ? 'waiting to start' : `${run.progress}%`}
        </Text>
        <Button variant="default" size="xs" onClick={() => cancel.mutate()} disabled={run.cancel_requested}
          loading={cancel.isPending}>
          {run.cancel_requested ? 'Cancelling…' : 'Cancel'}
        </Button>
      </Group>
      <Progress value={run.progress} aria-label="Matching progress" animated size="lg" />
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {run.phase || (run.status === 'queued' ? 'Queued' : 'Working')}
      </Text>
      {cancel.isError && (
        <Alert color="red" role="alert">
          {errorMessage(cancel.error)}
        </Alert>
      )}
    </Stack>
  );
}

/** Confirmation with what publishing creates, then publish. */
function PublishButton({ programId, proposal, onPublished }: {
  programId: number;
  proposal: Proposal;
  onPublished: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const preview = usePublishPreview(programId, proposal.id, open);
  const stale = staleSentences(preview.data?.stale);
  const whatIf = preview.data?.what_if === true;
  const [whatIfMeant, setWhatIfMeant] = useState(false);
  const publish = useMutation({
    mutationFn: () => publishProposal(programId, proposal.id, whatIf && whatIfMeant),
    onSuccess: async (done) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: matchingKeys.all(programId) }),
        queryClient.invalidateQueries({ queryKey: ['me', 'relationships'] }),
        queryClient.invalidateQueries({ queryKey: ['programs', programId, 'relationships'] }),
      ]);
      setOpen(false);
      onPublished(
        `Published: ${done.relationships.toLocaleString()} relationship${done.relationships === 1 ? '' : 's'} created` +
          (done.ended ? `, ${done.ended.toLocaleString()} ended` : '') +
          `, ${done.mails.toLocaleString()} mails queued.`,
      );
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>{proposal.kind === 'rematch' ? 'Publish rematch…' : 'Publish…'}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Publish proposal #${proposal.id}`}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          {preview.isPending && <Loading label="Working out what publishing creates…" />}
          {preview.isError && <ErrorAlert error={preview.error} />}
          {preview.data && (
            <Text data-testid="publish-preview">
              Publishing creates {preview.data.relationships.toLocaleString()} relationship
              {preview.data.relationships === 1 ? '' : 's'}
              {preview.data.ended > 0 && `, ends ${preview.data.ended.toLocaleString()}`} and sends{' '}
              {preview.data.mails.toLocaleString()} mail{preview.data.mails === 1 ? '' : 's'} to both sides and their
              managers. It cannot be undone{proposal.kind === 'full' ? '; later changes are made by rematching' : ''}.
            </Text>
          )}
          {stale.length > 0 && (
            <Alert color="yellow" title="This proposal may be out of date" data-testid="publish-stale" styles={{ title: { color: "var(--mantine-color-dark-7)" } }}>
              <Stack gap={4}>
                {stale.map((line) => (
                  <Text key={line} size="sm">
                    {line}
                  </Text>
                ))}
                <Text size="sm">Run the matching again to publish what the program looks like now, or publish this one as it is.</Text>
              </Stack>
            </Alert>
          )}
          {whatIf && (
            <Alert color="yellow" title="This is a what-if run" data-testid="publish-what-if" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>
              <Stack gap="xs">
                <Text size="sm">
                  It ran with settings tried for that run only; the program&apos;s saved settings are different. Save the
                  settings and run again to publish with them, or publish this run as it is.
                </Text>
                <Checkbox
                  label="I mean to publish this what-if run"
                  checked={whatIfMeant}
                  onChange={(e) => setWhatIfMeant(e.currentTarget.checked)}
                />
              </Stack>
            </Alert>
          )}
          {publish.isError && (
            <Alert color="red" role="alert">
              {errorMessage(publish.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button onClick={() => publish.mutate()} loading={publish.isPending} disabled={!preview.data || (whatIf && !whatIfMeant)}>
              {stale.length > 0 || whatIf ? 'Publish anyway' : 'Publish now'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function runKind(p: Proposal): string {
  return (
    (p.kind === 'rematch' ? `rematch of ${p.freed.length}` : p.what_if ? 'what-if (settings not saved)' : 'full') +
    (p.edits > 0 ? `, ${p.edits} hand change${p.edits === 1 ? '' : 's'}` : '')
  );
}

function ShowRunButton({ p, currentId, onShow }: { p: Proposal; currentId: number | null; onShow: (id: number) => void }) {
  return (
    <Button
      size="compact-xs"
      variant={p.id === currentId ? 'filled' : 'default'}
      aria-pressed={p.id === currentId}
      aria-label={`Show run #${p.id}`}
      disabled={!p.summary && p.status !== 'failed'}
      style={{ flexShrink: 0 }}
      onClick={() => onShow(p.id)}
    >
      {p.id === currentId ? 'Shown' : 'Show'}
    </Button>
  );
}

function History({ proposals, currentId, onShow }: {
  proposals: Proposal[];
  currentId: number | null;
  onShow: (id: number) => void;
}) {
  // Eight columns do not fit a phone: there each run is a short card of its figures.
  const narrow = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false });
  if (narrow) {
    return (
      <Stack gap="xs" data-testid="proposal-history" aria-label="Runs of this program, newest first" role="list">
        {proposals.map((p) => (
          <Card key={p.id} withBorder padding="xs" data-testid="history-row" role="listitem">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600}>Run #{p.id}</Text>
                  <ProposalStatusBadge status={p.status} />
                </Group>
                <Text size="sm">
                  {runKind(p)} · {formatDateTime(p.created_at)}
                </Text>
                <Text size="sm">
                  By <PersonName employeeId={p.created_by} />
                </Text>
                {p.summary && (
                  <Text size="sm">
                    Matched {percent(p.summary.matched_share)} · mean score {scoreText(p.summary.mean_score, p.settings)} of 100
                  </Text>
                )}
              </Stack>
              <ShowRunButton p={p} currentId={currentId} onShow={onShow} />
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <div className="pw-table-scroll" role="region" aria-label="Runs" tabIndex={0}>
      <Table miw={820} striped verticalSpacing={4} data-testid="proposal-history">
        <caption className="pw-visually-hidden">Runs of this program, newest first</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Run</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Ran by</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Matched</Table.Th>
            <Table.Th scope="col">Mean score</Table.Th>
            <Table.Th scope="col">
              <span className="pw-visually-hidden">Show</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {proposals.map((p) => (
            <Table.Tr key={p.id} data-testid="history-row">
              <Table.Td>#{p.id}</Table.Td>
              <Table.Td>{runKind(p)}</Table.Td>
              <Table.Td>
                <PersonName employeeId={p.created_by} />
              </Table.Td>
              <Table.Td>{formatDateTime(p.created_at)}</Table.Td>
              <Table.Td>
                <ProposalStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>{p.summary ? percent(p.summary.matched_share) : '—'}</Table.Td>
              <Table.Td>{p.summary ? `${scoreText(p.summary.mean_score, p.settings)} / 100` : '—'}</Table.Td>
              <Table.Td>
                <ShowRunButton p={p} currentId={currentId} onShow={onShow} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** /programs/:programId/matching: the coordinator's matching workspace. */
export function MatchingPage() {
  const { programId } = useParams();
  const id = Number(programId);
  const queryClient = useQueryClient();
  const program = useProgram(id);
  const coordinator = program.data?.me.coordinator ?? false;
  const settings = useMatchSettings(id, coordinator);
  const constraints = useConstraints(id, coordinator);
  const proposals = useProposals(id, coordinator);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [watchId, setWatchId] = useState<number | null>(null);
  const [tab, setTab] = useState<string | null>('proposal');
  const [runError, setRunError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(program.data ? `Matching · ${program.data.name}` : 'Matching');

  const listed = proposals.data?.items ?? [];
  const activeInList = listed.find(isActive);
  const watched = useProposal(id, watchId ?? activeInList?.id ?? null);
  // The run being watched is fresher than the list (its status and progress change meanwhile).
  const list = listed.map((p) => (watched.data && p.id === watched.data.id ? watched.data : p));
  const run = watched.data && isActive(watched.data) ? watched.data : null;
  const currentId = selectedId ?? list.find((p) => p.summary || p.status === 'failed')?.id ?? null;
  const current = list.find((p) => p.id === currentId) ?? null;

  // When the watched run ends, refresh the list and show what it made.
  const watchedStatus = watched.data?.status;
  useEffect(() => {
    const p = watched.data;
    if (!p || isActive(p)) return;
    void queryClient.invalidateQueries({ queryKey: matchingKeys.proposals(id) });
    if (p.status === 'done' && (watchId === p.id || activeInList?.id === p.id)) {
      setSelectedId(p.id);
      setTab('proposal');
      setNotice(`Run #${p.id} is done.`);
    }
    if (p.status === 'failed') setNotice(`Run #${p.id} failed: ${p.error}`);
    if (p.status === 'cancelled') setNotice(`Run #${p.id} was cancelled.`);
    setWatchId(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watchedStatus, watched.data?.id]);

  // Every run starts the same way: queue it, then watch it until it ends.
  const start = useMutation({
    mutationFn: (queue: () => Promise<Proposal>) => queue(),
    onMutate: () => {
      setRunError(null);
      setNotice(null);
    },
    onSuccess: async (queued) => {
      setWatchId(queued.id);
      await queryClient.invalidateQueries({ queryKey: matchingKeys.proposals(id) });
    },
  });
  const runMatching = () =>
    start.mutate(() => startRun(id), { onError: (e) => setRunError(errorMessage(e)) });
  // The settings and relationships panels show their own errors.
  const whatIf = async (values: MatchSettings) => {
    await start.mutateAsync(() => startRun(id, values));
  };
  const rematch = async (employeeId: string) => {
    await start.mutateAsync(() => startRematch(id, [employeeId]));
  };

  if (program.isPending) return <Loading label="Loading the program…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const p = program.data;
  const back = (
    <Anchor component={Link} to={`/programs/${id}`}>
      ← {p.name}
    </Anchor>
  );
  if (!coordinator) {
    return (
      <Stack gap="lg">
        {back}
        <PageHeader title="Matching" description={p.name} />
        <Alert color="yellow" role="alert">
          Only the program’s coordinators match it.
        </Alert>
      </Stack>
    );
  }
  const view = settings.data;
  const published = view?.published ?? false;
  const busy = Boolean(run) || Boolean(activeInList) || start.isPending;
  const editable = current?.status === 'done';
  const publishable =
    current?.status === 'done' && (current.kind === 'full' ? !published : published);
  const constraintItems = constraints.data?.items ?? [];

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title="Matching"
        description={
          view
            ? `${p.name} · ${view.mentees.toLocaleString()} approved mentees, ${view.mentors.toLocaleString()} approved mentors`
            : p.name
        }
      >
        <Button onClick={runMatching} disabled={busy || published || !view}>
          Run matching
        </Button>
      </PageHeader>
      {settings.isError && <ErrorAlert error={settings.error} />}
      {published && (
        <Alert color="indigo" data-testid="published-note">
          This program’s matching is published. To change pairs now, rematch the people concerned (Relationships tab).
        </Alert>
      )}
      {runError && (
        <Alert color="red" role="alert" data-testid="run-error" withCloseButton closeButtonLabel="Dismiss" onClose={() => setRunError(null)}>
          {runError}
        </Alert>
      )}
      {notice && (
        <Alert color="green" role="status" data-testid="run-notice" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {run && (
        <Card withBorder>
          <RunProgress programId={id} run={run} />
        </Card>
      )}
      {list.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h3" mb="xs">
            Runs
          </Title>
          <History proposals={list} currentId={currentId} onShow={(pid) => { setSelectedId(pid); setTab('proposal'); }} />
        </Card>
      )}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="proposal">Proposal</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
          <Tabs.Tab value="constraints">Pins and forbids ({constraintItems.length})</Tabs.Tab>
          <Tabs.Tab value="fairness" disabled={!current?.summary}>
            Fairness
          </Tabs.Tab>
          <Tabs.Tab value="compare" disabled={!current?.summary}>
            Compare
          </Tabs.Tab>
          {published && <Tabs.Tab value="relationships">Relationships</Tabs.Tab>}
        </Tabs.List>

        <Tabs.Panel value="proposal" pt="md" keepMounted>
          {proposals.isPending && <Loading label="Loading runs…" />}
          {proposals.isError && <ErrorAlert error={proposals.error} />}
          {proposals.data && !current && (
            <Text c="dimmed" data-testid="no-proposal">
              No proposal yet. Check the settings, then Run matching.
            </Text>
          )}
          {current && (
            <Stack gap="lg" data-testid="proposal">
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Title order={2} size="h3">
                    Proposal #{current.id}
                  </Title>
                  <Group gap="xs">
                    <ProposalStatusBadge status={current.status} />
                    <Text size="sm" c="dimmed">
                      {current.kind === 'rematch' ? 'Rematch' : current.what_if ? 'What-if run (settings not saved)' : 'Full run'}, {formatDateTime(current.created_at)}
                      {current.published_at && `, published ${formatDateTime(current.published_at)}`}
                      {current.edits > 0 && `, ${current.edits} hand change${current.edits === 1 ? '' : 's'}`}
                    </Text>
                  </Group>
                </Stack>
                {publishable && (
                  <PublishButton
                    programId={id}
                    proposal={current}
                    onPublished={(text) => {
                      setNotice(text);
                      setTab('relationships');
                    }}
                  />
                )}
              </Group>
              {current.status === 'failed' && (
                <Alert color="red" title="This run failed">
                  {current.error || 'No reason was recorded.'}
                </Alert>
              )}
              {current.summary && <SummaryView summary={current.summary} settings={current.settings} rematch={current.kind === 'rematch'} />}
              {current.summary && (
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    Pairs
                  </Title>
                  <PairsTable programId={id} proposalId={current.id} settings={current.settings} editable={editable} constraints={constraintItems} />
                </Stack>
              )}
              {current.summary && (
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    Unmatched mentees
                  </Title>
                  <UnmatchedList programId={id} proposalId={current.id} />
                </Stack>
              )}
            </Stack>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="settings" pt="md" keepMounted>
          {settings.isPending && <Loading label="Loading the settings…" />}
          {view && (
            <SettingsPanel
              programId={id}
              view={view}
              groupProgram={p.type === 'group'}
              onWhatIf={whatIf}
              runDisabled={busy || published}
            />
          )}
        </Tabs.Panel>

        <Tabs.Panel value="constraints" pt="md">
          {constraints.isError && <ErrorAlert error={constraints.error} />}
          <ConstraintsList programId={id} items={constraintItems} />
        </Tabs.Panel>

        <Tabs.Panel value="fairness" pt="md">
          {current?.summary && <FairnessPanel programId={id} proposalId={current.id} settings={current.settings} />}
        </Tabs.Panel>

        <Tabs.Panel value="compare" pt="md">
          {current?.summary && <ComparePanel programId={id} current={current} proposals={list} />}
        </Tabs.Panel>

        {published && (
          <Tabs.Panel value="relationships" pt="md">
            <Suspense fallback={<Loading label="Loading the relationships…" />}>
              <RelationshipsPanel programId={id} onRematch={rematch} runDisabled={busy} />
            </Suspense>
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
