import { BarChart } from '../../components/charts/LazyCharts';
import { Alert, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { scoreText, type MatchSettings, type ProposalSummary } from '../../api/matching';

/** A share as a percentage; one decimal where rounding would hide that it is not 0% or 100%. */
export function percent(share: number): string {
  const whole = Math.round(share * 100);
  const precise = (share > 0 && whole === 0) || (share < 1 && whole === 100) || (share > 0 && share < 0.1);
  return `${(share * 100).toFixed(precise ? 1 : 0)}%`;
}

/** "1 mentee", "2,000 mentees". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

/** How the run compares with a greedy pairing: "12% better", "Same" or "3% lower" (total score). */
export function greedyFigure(s: ProposalSummary): { value: string; hint: string } {
  if (s.greedy_total_score === null) return { value: '—', hint: 'No greedy pairing was made' };
  const which = `a greedy pairing (which matched ${s.greedy_matched.toLocaleString()})`;
  if (s.greedy_total_score <= 0) {
    return s.total_score > 0 ? { value: 'Better', hint: `than ${which}` } : { value: 'Same', hint: `total as ${which}` };
  }
  const gain = (s.total_score - s.greedy_total_score) / s.greedy_total_score;
  if (Math.abs(gain) < 0.0005) return { value: 'Same', hint: `total as ${which}` };
  return gain > 0
    ? { value: `${percent(gain)} better`, hint: `total than ${which}` }
    : { value: `${percent(-gain)} lower`, hint: `total than ${which}` };
}

export function rankedText(s: ProposalSummary): string {
  if (s.mentees_with_ranking === 0) return 'No mentee ranked mentors';
  return `${s.ranked_honoured.toLocaleString()} of ${s.mentees_with_ranking.toLocaleString()}`;
}

/** "0: 3 · 1: 40 · 2: 12": mentors by how many mentees they have. */
export function loadText(load: number[]): string {
  return load.map((n, i) => `${i}: ${n.toLocaleString()}`).join(' · ');
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={`figure-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

/** The figures and charts of a finished proposal. */
export function SummaryView({ summary: s, settings, rematch = false }: { summary: ProposalSummary; settings: MatchSettings; rematch?: boolean }) {
  const bucket = Math.max(1, s.score_bucket);
  const out100 = (raw: number) => scoreText(raw, settings);
  const histogram = s.score_histogram.map((pairs, i) => ({
    scores: `${out100(i * bucket)}–${out100((i + 1) * bucket - 1)}`,
    pairs,
  }));
  // A rematch moves a few people: mentors it left without a mentee are everyone else, not news.
  const load = s.mentor_load.map((mentors, i) => ({ mentees: String(i), mentors })).filter((l) => !rematch || l.mentees !== '0');
  const greedy = greedyFigure(s);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="sm">
        <Figure
          label="Matched"
          value={percent(s.mentees ? s.matched / s.mentees : 0)}
          hint={`${s.matched.toLocaleString()} of ${plural(s.mentees, 'mentee')}, ${plural(s.mentors, 'mentor')}`}
        />
        <Figure label="Mean score" value={`${out100(s.mean_score)} / 100`} hint="Share of the best possible pair under this run’s weights" />
        <Figure label="Lowest score" value={`${out100(s.lowest_score)} / 100`} />
        <Figure label="Optimal" value={s.optimal ? 'Yes' : 'No'} hint={s.optimal ? 'Proven best for the aim' : 'Best found in the time'} />
        <Figure label="Versus a greedy pairing" value={greedy.value} hint={greedy.hint} />
        <Figure
          label="Ranked choices honoured"
          value={s.mentees_with_ranking ? rankedText(s) : '—'}
          hint={s.mentees_with_ranking ? `${s.first_choice.toLocaleString()} got their first choice` : 'No mentee ranked mentors'}
        />
      </SimpleGrid>
      {s.warnings.length > 0 && (
        <Alert color="yellow" title="Worth knowing" data-testid="proposal-warnings">
          <List size="sm">
            {s.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs" id="score-chart-title">
            Pairs by score
          </Title>
          {histogram.length === 0 ? (
            <Text c="dimmed">No pairs.</Text>
          ) : (
            <div role="img" aria-labelledby="score-chart-title" aria-describedby="score-chart-text">
              <BarChart
                h={220}
                data={histogram}
                dataKey="scores"
                series={[{ name: 'pairs', label: 'Pairs', color: 'indigo.7' }]}
                tickLine="y"
                valueFormatter={(v) => v.toLocaleString()}
                xAxisLabel="Score out of 100"
                yAxisLabel="Pairs"
                yAxisProps={{ allowDecimals: false }}
              />
            </div>
          )}
          <Text size="xs" c="dimmed" id="score-chart-text" className="pw-visually-hidden">
            {histogram.map((h) => `${h.scores}: ${h.pairs}`).join('; ')}
          </Text>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs" id="load-chart-title">
            {rematch ? 'Mentors in this rematch by number of mentees' : 'Mentors by number of mentees'}
          </Title>
          {load.length === 0 ? (
            <Text c="dimmed">No mentors.</Text>
          ) : (
            <div role="img" aria-labelledby="load-chart-title" aria-describedby="load-chart-text">
              <BarChart
                h={220}
                data={load}
                dataKey="mentees"
                series={[{ name: 'mentors', label: 'Mentors', color: 'teal.8' }]}
                tickLine="y"
                valueFormatter={(v) => v.toLocaleString()}
                xAxisLabel="Mentees"
                yAxisLabel="Mentors"
                yAxisProps={{ allowDecimals: false }}
              />
            </div>
          )}
          <Text size="xs" c="dimmed" id="load-chart-text" className="pw-visually-hidden">
            {load.map((l) => `${l.mentors} mentors with ${l.mentees} mentees`).join('; ')}
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
