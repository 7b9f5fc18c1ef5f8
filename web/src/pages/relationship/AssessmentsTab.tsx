import { useState } from 'react';
import { Alert, Box, Button, Card, Group, Radio, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  assessmentKeys,
  pairAssessments,
  PHASE_WORDS,
  rateAssessment,
  type PairAssessments,
  type PhaseView,
} from '../../api/assessments';
import type { RelationshipDetail } from '../../api/relationships';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

/** When a phase can be rated, in words. */
function windowWords(p: PhaseView, now: number): string {
  if (!p.opens_at || !p.closes_at) {
    return p.phase === 'start'
      ? 'Opens when you have both accepted the agreement.'
      : 'Opens near the end of the relationship (not if it ends early).';
  }
  if (p.open) return `Open until ${formatDate(p.closes_at)}.`;
  if (Date.parse(p.opens_at) > now) return `Opens on ${formatDate(p.opens_at)}.`;
  return `Closed on ${formatDate(p.closes_at)}.`;
}

/** One phase's form: every competency on the one scale. */
function RatePhase({ r, data, phase }: { r: RelationshipDetail; data: PairAssessments; phase: PhaseView }) {
  const queryClient = useQueryClient();
  const [ratings, setRatings] = useState<Record<string, number>>(phase.mine?.ratings ?? {});
  const save = useMutation({
    mutationFn: () => rateAssessment(r.id, phase.phase, phase.mine?.version ?? 0, ratings),
    onSuccess: (view) => {
      queryClient.setQueryData(assessmentKeys.pair(r.id), view);
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.due });
    },
    onError: (error) => {
      // Another tab saved first: show what is stored now.
      if (error instanceof ApiError && error.code === 'stale_assessment') {
        void queryClient.invalidateQueries({ queryKey: assessmentKeys.pair(r.id) });
      }
    },
  });
  const complete = data.competencies.every((c) => ratings[c.code] !== undefined);
  const who = data.side === 'mentee' ? 'yourself' : r.mentee.name;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Rate {who} on each skill as things stand today. You can change your ratings until the phase closes.
      </Text>
      {data.competencies.map((c) => (
        <Radio.Group
          key={c.code}
          label={c.name}
          value={ratings[c.code] ? String(ratings[c.code]) : null}
          onChange={(v) => setRatings((prev) => ({ ...prev, [c.code]: Number(v) }))}
          data-testid={`rate-${phase.phase}-${c.code}`}
        >
          <SimpleGrid cols={{ base: 1, sm: 5 }} spacing="xs" mt={6}>
            {data.scale.map((s) => (
              <Radio key={s.rating} value={String(s.rating)} label={`${s.rating} · ${s.label}`} />
            ))}
          </SimpleGrid>
        </Radio.Group>
      ))}
      {save.isError && (
        <Alert color="red">
          {save.error instanceof ApiError && save.error.code === 'stale_assessment'
            ? 'Your ratings were saved meanwhile in another window. Check your choices above and save again to keep them.'
            : errorMessage(save.error)}
        </Alert>
      )}
      {save.isSuccess && (
        <Text size="sm" fw={600} role="status">
          Your ratings are saved.
        </Text>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!complete}>
          {phase.mine ? 'Save changes' : 'Save my ratings'}
        </Button>
      </Group>
    </Stack>
  );
}

/** Competency assessments: the pair's own ratings at the start and the end, and pre -> post. */
export function AssessmentsTab({ r }: { r: RelationshipDetail }) {
  const query = useQuery({
    queryKey: assessmentKeys.pair(r.id),
    queryFn: ({ signal }) => pairAssessments(r.id, signal),
  });
  const [now] = useState(() => Date.now());
  if (query.isPending) return <Loading label="Loading the assessments…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const data = query.data;
  if (data.competencies.length === 0) {
    return (
      <Card withBorder>
        <Text c="dimmed">This program does not assess skills.</Text>
      </Card>
    );
  }
  const [start, end] = data.phases;
  const self = (p: PhaseView) => (data.side === 'mentee' ? p.mine : p.other);
  const mentor = (p: PhaseView) => (data.side === 'mentor' ? p.mine : p.other);
  const cell = (sheet: PhaseView['mine'], code: string) => (sheet?.ratings[code] ? String(sheet.ratings[code]) : '—');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {data.side === 'mentee'
          ? `You rate your own skills, and your mentor ${r.mentor.name} rates them too,`
          : `${r.mentee.name} rates their own skills, and you rate them too,`}{' '}
        once at the start and once at the end, on a scale of 1 ({data.scale[0]?.label.toLowerCase()}) to 5 ({data.scale[4]?.label.toLowerCase()}). Only
        the two of you see these ratings; you see the other's once you have saved yours. The program's coordinators see
        only figures over at least five pairs.
      </Text>
      {data.phases.map((p) => (
        <Card key={p.phase} withBorder data-testid={`assessment-phase-${p.phase}`}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {PHASE_WORDS[p.phase]}
            </Title>
            <Text size="sm" c="dimmed">
              {windowWords(p, now)} {p.mine ? 'You have rated this phase.' : ''}
            </Text>
            {p.open && <RatePhase r={r} data={data} phase={p} />}
          </Stack>
        </Card>
      ))}
      {start && end && (start.mine || end.mine) && (
        <Card withBorder data-testid="assessment-change">
          <Stack gap="sm">
            <Title order={3} size="h5">
              Start → end
            </Title>
            <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Start to end: table">
              <Table miw={420}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Skill</Table.Th>
                    <Table.Th>{r.mentee.name} (self)</Table.Th>
                    <Table.Th>{r.mentor.name} (mentor)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.competencies.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>
                        {cell(self(start), c.code)} → {cell(self(end), c.code)}
                      </Table.Td>
                      <Table.Td>
                        {cell(mentor(start), c.code)} → {cell(mentor(end), c.code)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
            <Text size="xs" c="dimmed">
              A dash: not rated yet, or not shown until you have rated that phase yourself.
            </Text>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
