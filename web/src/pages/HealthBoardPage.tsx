import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api/client';
import {
  COMPONENT_WORDS,
  fetchHealthBoard,
  fetchHealthConfig,
  fetchHealthHistory,
  fetchMentorLoad,
  HEALTH_COMPONENTS,
  LABEL_COLORS,
  LABEL_WORDS,
  nudgePairs,
  previewHealthConfig,
  replaceMentor,
  saveHealthConfig,
  SIDE_WORDS,
  type HealthComponent,
  type HealthConfig,
  type HealthLabel,
  type HealthSide,
} from '../api/relationshipHealth';
import { formatDay } from '../components/format';
import { AreaChart } from '../components/charts/LazyCharts';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

const PAGE = 25;
// The preview lists this many mails, then how many more.
const PREVIEW_MAILS = 20;

interface PairNames {
  relationshipId: number;
  mentor: string;
  mentee: string;
}

/** The coordinator's health board of one program (/programs/:programId/health). */
export function HealthBoardPage() {
  usePageTitle('Relationship health');
  const programId = Number(useParams().programId);
  const queryClient = useQueryClient();
  const [label, setLabel] = useState<HealthLabel | undefined>();
  const [component, setComponent] = useState<HealthComponent | undefined>();
  const [side, setSide] = useState<HealthSide | undefined>();
  const [offset, setOffset] = useState(0);
  const [chosen, setChosen] = useState<number[]>([]);
  const [replacing, setReplacing] = useState<PairNames | null>(null);

  const board = useQuery({
    queryKey: ['health-board', programId, label, component, side, offset],
    queryFn: ({ signal }) => fetchHealthBoard(programId, { label, component, side, offset, limit: PAGE }, signal),
    placeholderData: keepPreviousData,
  });
  const nudge = useMutation({
    mutationFn: () => nudgePairs(programId, chosen),
    onSuccess: () => setChosen([]),
  });

  const replace = useMutation({
    mutationFn: (pair: PairNames) => replaceMentor(pair.relationshipId),
    onSuccess: () => {
      setReplacing(null);
      void queryClient.invalidateQueries({ queryKey: ['health-board', programId] });
    },
  });

  const filter = (set: () => void) => {
    set();
    setOffset(0);
    setChosen([]);
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Relationship health"
        description="Every active pair, the ones that need attention first, with what pulled each score down. Scores are refreshed every hour."
      >
        <Anchor component={Link} to={`/programs/${programId}`}>
          Back to the program
        </Anchor>
      </PageHeader>
      {board.data && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {(Object.keys(LABEL_WORDS) as HealthLabel[]).map((l) => (
            <Card key={l} withBorder padding="md">
              <Text size="sm">{LABEL_WORDS[l]}</Text>
              <Text fz={28} fw={700}>
                {board.data.counts[l]}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Card withBorder radius="md" padding="lg">
        <Group align="flex-end" mb="md" wrap="wrap">
          <Select
            label="Health"
            placeholder="Any"
            clearable
            data={(Object.keys(LABEL_WORDS) as HealthLabel[]).map((l) => ({ value: l, label: LABEL_WORDS[l] }))}
            value={label ?? null}
            onChange={(v) => filter(() => setLabel((v as HealthLabel) || undefined))}
          />
          <Select
            label="Pulled down by"
            placeholder="Anything"
            clearable
            data={HEALTH_COMPONENTS.map((c) => ({ value: c, label: COMPONENT_WORDS[c] }))}
            value={component ?? null}
            onChange={(v) => filter(() => setComponent((v as HealthComponent) || undefined))}
          />
          <Select
            label="Concerning"
            placeholder="Either side"
            clearable
            data={(Object.keys(SIDE_WORDS) as HealthSide[]).map((s) => ({ value: s, label: SIDE_WORDS[s] }))}
            value={side ?? null}
            onChange={(v) => filter(() => setSide((v as HealthSide) || undefined))}
          />
          <Button disabled={chosen.length === 0} loading={nudge.isPending} onClick={() => nudge.mutate()}>
            Nudge {chosen.length === 1 ? '1 pair' : `${chosen.length} pairs`}
          </Button>
        </Group>
        {nudge.isSuccess && (
          <Alert color="blue" mb="md" title="Nudged">
            {nudge.data.sent === 0
              ? 'They had already been nudged today.'
              : `${nudge.data.sent} ${nudge.data.sent === 1 ? 'mail is' : 'mails are'} on the way.`}
          </Alert>
        )}
        {replace.isSuccess && (
          <Alert color="blue" mb="md" title="Mentor replaced">
            {replace.variables.mentor} has been thanked and told kindly, and a new mentor for{' '}
            {replace.variables.mentee} is being found. You can review the suggestion on the{' '}
            <Anchor component={Link} to={`/programs/${programId}/matching`}>
              matching page
            </Anchor>
            .
          </Alert>
        )}
        {nudge.isError && (
          <Alert color="red" mb="md" title="Could not nudge">
            {errorMessage(nudge.error)}
          </Alert>
        )}
        {board.isPending ? (
          <Loading label="Loading the pairs' health…" />
        ) : board.isError ? (
          <ErrorAlert error={board.error} title="Could not load the pairs' health" />
        ) : board.data.items.length === 0 ? (
          <Text>No pair matches. Pairs appear here once both sides accepted their agreement.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm">
                <Table.Caption>Pairs, lowest score first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      <VisuallyHidden>Choose</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>Pair</Table.Th>
                    <Table.Th>Health</Table.Th>
                    <Table.Th>Why</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {board.data.items.map((row) => (
                    <Table.Tr key={row.relationship_id}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Choose ${row.mentor.name} and ${row.mentee.name}`}
                          checked={chosen.includes(row.relationship_id)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setChosen((c) => (on ? [...c, row.relationship_id] : c.filter((x) => x !== row.relationship_id)));
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/relationships/${row.relationship_id}`}>
                          {row.mentor.name} and {row.mentee.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="pw-nowrap">
                        <Badge color={LABEL_COLORS[row.label]} variant="light">
                          {LABEL_WORDS[row.label]}
                        </Badge>{' '}
                        <Text span size="sm">
                          {row.score} of 100{row.grace ? ' (new pair)' : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {row.reasons.length === 0 ? (
                          <Text size="sm">Nothing to worry about.</Text>
                        ) : (
                          <Stack gap={2}>
                            {row.reasons.map((r) => (
                              <Text size="sm" key={r.component + r.side}>
                                {r.side !== 'both' && <strong>{SIDE_WORDS[r.side]}: </strong>}
                                {r.words.charAt(0).toUpperCase() + r.words.slice(1)}
                              </Text>
                            ))}
                          </Stack>
                        )}
                        {row.mentor_unresponsive && (
                          <Button
                            size="xs"
                            variant="default"
                            mt="xs"
                            onClick={() => {
                              replace.reset();
                              setReplacing({
                                relationshipId: row.relationship_id,
                                mentor: row.mentor.name,
                                mentee: row.mentee.name,
                              });
                            }}
                          >
                            Replace the mentor
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="md">
              <Text size="sm">
                {offset + 1}–{offset + board.data.items.length} of {board.data.total}
              </Text>
              <Group gap="xs">
                <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Previous
                </Button>
                <Button
                  variant="default"
                  disabled={offset + PAGE >= board.data.total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Next
                </Button>
              </Group>
            </Group>
          </>
        )}
        {replacing && (
          <Modal
            opened
            onClose={() => setReplacing(null)}
            title={`Replace ${replacing.mentor} as ${replacing.mentee}'s mentor?`}
            closeButtonProps={{ 'aria-label': 'Close' }}
          >
            <Stack gap="sm">
              <Text size="sm">This will:</Text>
              <Text size="sm" component="ul" m={0}>
                <li>
                  end the relationship of {replacing.mentor} and {replacing.mentee} without blame, with the reason
                  “No time”;
                </li>
                <li>send {replacing.mentor} a kind mail thanking them, saying that nothing more is needed from them;</li>
                <li>
                  find {replacing.mentee} a new mentor: a rematch for {replacing.mentee} alone, which you review on the
                  matching page. Nobody else changes mentor, and {replacing.mentor} is not suggested to{' '}
                  {replacing.mentee} again.
                </li>
              </Text>
              {replace.isError && (
                <Alert color="red" title="Could not replace the mentor">
                  {errorMessage(replace.error)}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setReplacing(null)}>
                  Keep the pair
                </Button>
                <Button loading={replace.isPending} onClick={() => replace.mutate(replacing)}>
                  Replace the mentor
                </Button>
              </Group>
            </Stack>
          </Modal>
        )}
      </Card>
      <LabelHistoryCard programId={programId} />
      <MentorLoadCard programId={programId} />
      <HealthSettingsCard
        programId={programId}
        onSaved={() => queryClient.invalidateQueries({ queryKey: ['health-board', programId] })}
      />
    </Stack>
  );
}

// The chart of labels over time covers this many days.
const HISTORY_DAYS = 90;

/** Coordinators' and admins' only: shadow mentors (403) see the board without it. */
function forbidden(error: unknown) {
  return error instanceof ApiError && error.status === 403;
}

/** How many pairs had each label, day by day: a chart, and the same figures as a table beside it. */
function LabelHistoryCard({ programId }: { programId: number }) {
  const history = useQuery({
    queryKey: ['health-history', programId, HISTORY_DAYS],
    queryFn: ({ signal }) => fetchHealthHistory(programId, HISTORY_DAYS, signal),
    retry: (count, error) => !forbidden(error) && count < 2,
  });
  if (history.isError && forbidden(history.error)) return null;
  const rows = history.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Title order={2} size="h3">
          Labels over time
        </Title>
        {history.isPending ? (
          <Loading label="Loading the labels over time…" />
        ) : history.isError ? (
          <ErrorAlert error={history.error} title="Could not load the labels over time" />
        ) : rows.length === 0 ? (
          <Text size="sm">Nothing yet: the counts are kept from the first hourly check of each day.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {/* The table beside it says the same to everyone; the chart is not reachable by keyboard. */}
            <div aria-hidden inert>
              <AreaChart
                h={260}
                data={rows.map((d) => ({ ...d, day: formatDay(d.day) }))}
                dataKey="day"
                type="stacked"
                withLegend
                series={(Object.keys(LABEL_WORDS) as HealthLabel[]).map((l) => ({
                  name: l,
                  label: LABEL_WORDS[l],
                  color: `${LABEL_COLORS[l]}.6`,
                }))}
              />
            </div>
            <Box mah={260} style={{ overflow: 'auto' }} tabIndex={0} role="region" aria-label="Pairs by label, day by day">
              <Table stickyHeader striped>
                <Table.Caption>Pairs by label, day by day (the last {HISTORY_DAYS} days)</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Day</Table.Th>
                    {(Object.keys(LABEL_WORDS) as HealthLabel[]).map((l) => (
                      <Table.Th key={l}>{LABEL_WORDS[l]}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...rows].reverse().map((d) => (
                    <Table.Tr key={d.day}>
                      <Table.Td>{formatDay(d.day)}</Table.Td>
                      <Table.Td>{d.on_track}</Table.Td>
                      <Table.Td>{d.needs_attention}</Table.Td>
                      <Table.Td>{d.at_risk}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/** Hours each mentor spent in logged meetings over the last 30 days against the hours a month they gave. */
function MentorLoadCard({ programId }: { programId: number }) {
  const load = useQuery({
    queryKey: ['mentor-load', programId],
    queryFn: ({ signal }) => fetchMentorLoad(programId, signal),
    retry: (count, error) => !forbidden(error) && count < 2,
  });
  if (load.isError && forbidden(load.error)) return null;
  const items = [...(load.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.overloaded) - Number(a.overloaded) ||
      b.hours_last_30_days / Math.max(b.capacity_hours, 1) - a.hours_last_30_days / Math.max(a.capacity_hours, 1),
  );
  const overloaded = items.filter((m) => m.overloaded).length;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Title order={2} size="h3">
          Mentor load
        </Title>
        <Text size="sm">
          Hours each mentor spent in meetings they logged over the last 30 days, against the hours a month they can give.
        </Text>
        {load.isPending ? (
          <Loading label="Loading the mentors' load…" />
        ) : load.isError ? (
          <ErrorAlert error={load.error} title="Could not load the mentors' load" />
        ) : items.length === 0 ? (
          <Text size="sm">No mentor has logged a meeting in the last 30 days.</Text>
        ) : (
          <>
            <Text size="sm" fw={600}>
              {overloaded === 0
                ? 'No mentor is over the time they can give.'
                : overloaded === 1
                  ? '1 mentor is over the time they can give.'
                  : `${overloaded} mentors are over the time they can give.`}
            </Text>
            <Box mah={360} style={{ overflow: 'auto' }} tabIndex={0} role="region" aria-label="Mentor load">
              <Table stickyHeader verticalSpacing="xs" miw={420}>
                <Table.Caption>Mentors, the most loaded first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Mentor</Table.Th>
                    <Table.Th>Last 30 days</Table.Th>
                    <Table.Th>Can give a month</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Load</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.employee_id}>
                      <Table.Td>{m.name.trim() || 'A former employee'}</Table.Td>
                      <Table.Td>{hoursWords(m.hours_last_30_days)}</Table.Td>
                      <Table.Td>{hoursWords(m.capacity_hours)}</Table.Td>
                      <Table.Td>
                        {m.overloaded ? (
                          <Badge color="red" variant="light">
                            Overloaded
                          </Badge>
                        ) : (
                          <Text size="sm">Within</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** "1 hour", "2.5 hours". */
function hoursWords(hours: number) {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}

function HealthSettingsCard({ programId, onSaved }: { programId: number; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const config = useQuery({
    queryKey: ['health-config', programId],
    queryFn: ({ signal }) => fetchHealthConfig(programId, signal),
  });
  const [draft, setDraft] = useState<HealthConfig | null>(null);
  const current = draft ?? config.data ?? null;
  const preview = useMutation({ mutationFn: (c: HealthConfig) => previewHealthConfig(programId, c) });
  const save = useMutation({
    mutationFn: (c: HealthConfig) => saveHealthConfig(programId, c),
    onSuccess: (saved) => {
      queryClient.setQueryData(['health-config', programId], saved);
      setDraft(null);
      preview.reset();
      onSaved();
    },
  });

  if (config.isPending) return <Loading label="Loading the health settings…" />;
  if (config.isError || !current) return <ErrorAlert error={config.error} title="Could not load the health settings" />;

  const setWeight = (c: HealthComponent, v: number) =>
    setDraft({ ...current, settings: { ...current.settings, weights: { ...current.settings.weights, [c]: v } } });
  const setNumber = (key: 'on_track_min' | 'at_risk_below' | 'grace_days', v: number) =>
    setDraft({ ...current, settings: { ...current.settings, [key]: v } });

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Title order={2} size="h3">
          How the score is made
        </Title>
        <Text size="sm">
          Each part scores 0 to 100; the score is their weighted average. A pair is on track from the first threshold up
          and at risk below the second. New pairs count as on track during their first days. The formula of each part is
          in the documentation (docs/health.md).
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {HEALTH_COMPONENTS.map((c) => (
            <NumberInput
              key={c}
              label={COMPONENT_WORDS[c]}
              min={0}
              max={100}
              value={current.settings.weights[c]}
              onChange={(v) => setWeight(c, Number(v) || 0)}
            />
          ))}
          <NumberInput
            label="On track from"
            min={1}
            max={100}
            value={current.settings.on_track_min}
            onChange={(v) => setNumber('on_track_min', Number(v) || 0)}
          />
          <NumberInput
            label="At risk below"
            min={0}
            max={100}
            value={current.settings.at_risk_below}
            onChange={(v) => setNumber('at_risk_below', Number(v) || 0)}
          />
          <NumberInput
            label="Days a new pair counts as on track"
            min={0}
            max={90}
            value={current.settings.grace_days}
            onChange={(v) => setNumber('grace_days', Number(v) || 0)}
          />
        </SimpleGrid>
        <Title order={3} size="h4">
          Reminders
        </Title>
        <Stack gap={4}>
          {current.ladder.map((s, i) => (
            <Checkbox
              key={i}
              label={`${i + 1}. “${s.subject}” — ${s.delay_days === 0 ? 'as soon as' : `${s.delay_days} days after`} a pair ${
                s.trigger === 'at_risk' ? 'is at risk' : 'needs attention'
              }, to ${RECIPIENT_WORDS[s.recipients]}`}
              checked={s.enabled}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                setDraft({ ...current, ladder: current.ladder.map((x, j) => (j === i ? { ...x, enabled } : x)) });
              }}
            />
          ))}
        </Stack>
        <Group>
          <Button variant="default" onClick={() => preview.mutate(current)} loading={preview.isPending}>
            Preview
          </Button>
          <Button onClick={() => save.mutate(current)} loading={save.isPending} disabled={!draft}>
            Save
          </Button>
        </Group>
        {(preview.isError || save.isError) && (
          <Alert color="red" title="Those settings cannot be used">
            {errorMessage(preview.error ?? save.error)}
          </Alert>
        )}
        {preview.isSuccess && (
          <Alert color="blue" title="With these settings">
            <Stack gap="xs">
              <Text size="sm">
                {preview.data.changes === 1 ? '1 pair changes' : `${preview.data.changes} pairs change`} label:{' '}
                {preview.data.counts.on_track} on track, {preview.data.counts.needs_attention} needing attention,{' '}
                {preview.data.counts.at_risk} at risk.
              </Text>
              <Text size="sm" fw={600}>
                Who would get what today
              </Text>
              {preview.data.mails.length === 0 ? (
                <Text size="sm">No reminder would go today.</Text>
              ) : (
                preview.data.mails.slice(0, PREVIEW_MAILS).map((m, i) => (
                  <Text size="sm" key={i}>
                    {m.recipient.name}: “{m.subject}”
                    {m.already_sent
                      ? ' (already sent)'
                      : m.opted_out
                        ? ' (turned reminders off)'
                        : m.waits
                          ? ' (waits for their working hours or weekly limit)'
                          : ''}
                  </Text>
                ))
              )}
              {preview.data.mails.length > PREVIEW_MAILS && (
                <Text size="sm">and {preview.data.mails.length - PREVIEW_MAILS} more.</Text>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

const RECIPIENT_WORDS: Record<string, string> = {
  pair: 'the pair',
  quiet_side: 'the quiet side',
  mentor: 'the mentor',
  mentee: 'the mentee',
  shadow_mentor: 'the shadow mentor',
  coordinator: 'the coordinators',
};
