import { Box, Stack, Table, Text, Title } from '@mantine/core';
import type { AssessmentResults, RaterChange } from '../../api/assessments';
import { ChartWithTable } from '../../components/charts/ChartWithTable';

const RATER_WORDS: Record<RaterChange['rater'], string> = {
  mentee: 'Mentees rating themselves',
  mentor: 'Mentors rating their mentees',
};

const mean = (v: number) => v.toFixed(2);
const change = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(2)}`;

/** One rater's pre -> post: means in a chart with its table, then how many gave each rating. */
function RaterBlock({ rater, results }: { rater: RaterChange; results: AssessmentResults }) {
  const k = results.min_group;
  const title = RATER_WORDS[rater.rater];
  if (rater.hidden) {
    return (
      <Stack gap={4} data-testid={`competency-change-${rater.rater}`}>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          Not shown yet: fewer than {k} pairs have been rated at both the start and the end.
        </Text>
      </Stack>
    );
  }
  const dist = (counts: number[]) => counts.map((n, i) => `${i + 1}: ${n}`).join(' · ');
  return (
    <Stack gap="xs" data-testid={`competency-change-${rater.rater}`}>
      <ChartWithTable
        title={`${title} (${rater.pairs} pairs)`}
        heading="Skill"
        columns={[
          { key: 'start', label: 'Mean at the start', color: 'gray.5', format: mean },
          { key: 'end', label: 'Mean at the end', color: 'teal.7', format: mean },
          { key: 'change', label: 'Change', format: change },
          { key: 'pairs', label: 'Pairs' },
        ]}
        rows={rater.competencies.map((c) => ({
          label: c.name,
          values: { start: c.mean_start, end: c.mean_end, change: c.mean_change, pairs: c.hidden ? null : c.pairs },
          note: c.hidden ? `fewer than ${k} pairs rated it at both` : undefined,
        }))}
        testId={`competency-means-${rater.rater}`}
      />
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${title}: pairs by rating`}>
        <Table miw={480} withTableBorder aria-label={`${title}: how many pairs gave each rating`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Skill</Table.Th>
              <Table.Th>Pairs by rating, at the start</Table.Th>
              <Table.Th>Pairs by rating, at the end</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rater.competencies
              .filter((c) => !c.hidden)
              .map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{dist(c.start)}</Table.Td>
                  <Table.Td>{dist(c.end)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

/**
 * The program's pre -> post competency change, as the assessment results give it (the
 * coordinator's assessments page and the dashboard show this one view of the one answer).
 */
export function CompetencyChange({ results }: { results: AssessmentResults }) {
  const scale = results.scale.map((s) => `${s.rating} ${s.label.toLowerCase()}`).join(', ');
  return (
    <Stack gap="md" data-testid="competency-change">
      <Text size="sm">
        Ratings on a scale of {scale}. Only pairs rated at both the start and the end count, and a group of fewer than{' '}
        {results.min_group} pairs is not shown, so that no one&apos;s ratings can be told.
      </Text>
      {results.raters.map((r) => (
        <RaterBlock key={r.rater} rater={r} results={results} />
      ))}
    </Stack>
  );
}
