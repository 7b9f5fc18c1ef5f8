import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { exportUrl, fetchDashboard, type ProgramDashboard, type ReportFilter, type SurveyFigure } from '../../api/reports';
import { LABEL_COLORS, LABEL_WORDS, type HealthLabel } from '../../api/relationshipHealth';
import { ChartWithTable, countRows, type FigureColumn, type FigureRow } from '../../components/charts/ChartWithTable';
import { CompetencyChange } from '../assessments/CompetencyChange';
import { formatDay } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { ReportFilters } from './ReportFilters';

const VALUE = (label: string): FigureColumn[] => [{ key: 'value', label, color: 'indigo.7' }];
const LABELS = Object.keys(LABEL_WORDS) as HealthLabel[];
const percent = (v: number) => `${v.toFixed(1)}%`;

const DIMENSION_WORDS = { department: 'department', site: 'site', level: 'level band' } as const;

/** Response rate and headline scores of the program's surveys, hidden below each survey's minimum group. */
function SurveyBlocks({ d, csv }: { d: ProgramDashboard; csv: (table: string) => string }) {
  const sel = d.survey_selection;
  if (!sel.applies) {
    return (
      <Card withBorder data-testid="surveys">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Surveys
          </Title>
          <Text size="sm">
            Survey figures follow one filter at a time (department, site or level), so that no small group can be worked
            out from the others. Clear all but one filter to see them.
          </Text>
        </Stack>
      </Card>
    );
  }
  const scope =
    sel.by && sel.group
      ? `Answers of people in the ${DIMENSION_WORDS[sel.by]} ${sel.group}.`
      : 'Answers of everyone the surveys went to.';
  const hiddenNote = (s: SurveyFigure) =>
    s.invited === 0 ? 'Not sent to anyone yet' : `Hidden: fewer than ${s.min_group} answers`;
  const rates: FigureRow[] = d.surveys.map((s) => ({
    label: s.title,
    values: {
      invited: s.invited,
      responses: s.hidden ? null : s.responses,
      rate: s.response_rate_pct,
    },
    ...(s.hidden ? { note: hiddenNote(s) } : {}),
  }));
  const scores: FigureRow[] = d.surveys.flatMap((s) =>
    s.hidden
      ? [{ label: s.title, values: { score: null }, note: hiddenNote(s) }]
      : s.scores.map((q) => ({
          label: `${s.title}: ${q.question} (${q.measure === 'nps' ? 'NPS, −100 to 100' : 'mean, 1 to 5'})`,
          values: { score: q.value },
          ...(q.value === null ? { note: `Hidden: fewer than ${s.min_group} answered it` } : {}),
        })),
  );
  const note = (
    <Text size="sm" c="dimmed">
      {scope} Figures of fewer people than a survey&apos;s minimum group are hidden, with the next smallest groups
      where needed, as on the survey&apos;s results.
    </Text>
  );
  return (
    <Stack gap="md">
      <ChartWithTable
        title="Survey response rate"
        heading="Survey"
        columns={[
          { key: 'invited', label: 'Invited' },
          { key: 'responses', label: 'Answered' },
          { key: 'rate', label: 'Response rate', color: 'indigo.7', format: percent },
        ]}
        rows={rates}
        csv={csv('surveys')}
        testId="survey-rates"
        note={note}
        empty="The program has no surveys yet."
      />
      <ChartWithTable
        title="Survey headline scores"
        heading="Question"
        columns={[{ key: 'score', label: 'Score', format: (v) => v.toLocaleString() }]}
        rows={scores}
        testId="survey-scores"
        chart="none"
        note={
          <Text size="sm" c="dimmed">
            Scales are averaged from 1 to 5; NPS is the share of 9s and 10s minus the share of 0s to 6s.
          </Text>
        }
        empty="No survey has a scale or NPS question with answers yet."
      />
    </Stack>
  );
}

/** Match rate and endings of the program's mentees by group, small groups hidden and said so. */
function FairnessBlocks({ d, csv }: { d: ProgramDashboard; csv: (table: string) => string }) {
  const k = d.fairness.min_group;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Fairness: mentees by group
      </Title>
      <Text size="sm">
        How the program&apos;s mentees (approved or matched) of each group fared. A group of fewer than {k} mentees is
        hidden, and so is the next smallest where needed, so that no hidden group can be worked out from the others.
        The match score compares each mentee&apos;s pair with the average pair of the matching run that made it (100 is
        as good as the run&apos;s average), since each run weighs its criteria on its own scale; pairs that mentees
        chose themselves are not scored.
      </Text>
      <Stack gap="md">
        {d.fairness.breakdowns.map((b) => (
          <ChartWithTable
            key={b.dimension}
            title={`Match rate by ${b.label.toLowerCase()}`}
            heading={b.label}
            columns={[
              { key: 'mentees', label: 'Mentees' },
              { key: 'rate', label: 'Match rate', color: 'indigo.7', format: percent },
              { key: 'completed', label: 'Completed' },
              { key: 'ended_early', label: 'Ended early' },
              { key: 'score', label: 'Match score' },
            ]}
            rows={b.groups.map((g) => ({
              label: g.group,
              values: {
                mentees: g.mentees,
                rate: g.match_rate_pct,
                completed: g.completed,
                ended_early: g.ended_early,
                score: g.match_score,
              },
            }))}
            csv={csv('fairness')}
            testId={`fairness-${b.dimension}`}
            note={
              b.hidden_groups > 0 ? (
                <Text size="sm" c="dimmed">
                  {b.hidden_groups === 1 ? 'One group is' : `${b.hidden_groups} groups are`} hidden: fewer than {k}{' '}
                  mentees, or hidden with a smaller group.
                </Text>
              ) : undefined
            }
            empty={
              b.hidden_groups > 0 ? `Every group is hidden: too few mentees to show any.` : 'No mentees yet.'
            }
          />
        ))}
      </Stack>
    </Stack>
  );
}

/** A program's dashboard for its coordinators and admins (/programs/:programId/reports). */
export function ProgramDashboardPage() {
  usePageTitle('Program dashboard');
  const programId = Number(useParams().programId);
  const [filter, setFilter] = useState<ReportFilter>({});
  const dashboard = useQuery({
    queryKey: ['report-dashboard', programId, filter],
    queryFn: ({ signal }) => fetchDashboard(programId, filter, signal),
    placeholderData: keepPreviousData,
  });
  const csv = (table: string) => exportUrl(programId, 'dashboard', 'csv', filter, table);
  const d = dashboard.data;
  return (
    <Stack gap="md">
      <PageHeader
        title={d ? `${d.program.name}: dashboard` : 'Program dashboard'}
        description="How the program is going, for the people who run and fund it. Counts follow the mentees; mentor load follows the mentors."
      >
        <Group gap="sm">
          <Button component={Link} to={`/programs/${programId}/outcomes`} variant="default">
            Outcomes
          </Button>
          <Button component="a" href={exportUrl(programId, 'dashboard', 'xlsx', filter)} download>
            Download as Excel
          </Button>
        </Group>
      </PageHeader>
      <ReportFilters value={filter} onChange={setFilter} />
      {dashboard.isPending && <Loading label="Loading the dashboard…" />}
      {dashboard.isError && <ErrorAlert error={dashboard.error} title="The dashboard could not be loaded" />}
      {d && (
        <Stack gap="md">
          <ChartWithTable
            title="Enrollment funnel (mentees)"
            heading="Step"
            columns={VALUE('People')}
            rows={d.funnel.map((s) => ({ label: s.label, values: { value: s.people } }))}
            csv={csv('funnel')}
            testId="funnel"
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartWithTable
              title="Time from application to match"
              heading="Time"
              columns={VALUE('Mentees')}
              rows={countRows(d.days_to_match)}
              csv={csv('days_to_match')}
              testId="days-to-match"
            />
            <ChartWithTable
              title="Time from match to first meeting"
              heading="Time"
              columns={VALUE('Pairs')}
              rows={countRows(d.days_to_first_meeting)}
              csv={csv('days_to_first_meeting')}
              testId="days-to-first-meeting"
            />
            <ChartWithTable
              title="Meetings per pair per month against the agreement"
              heading="Meetings"
              columns={VALUE('Pairs')}
              rows={countRows(d.meeting_rate)}
              csv={csv('meeting_rate')}
              testId="meeting-rate"
              note={
                <Text size="sm" c="dimmed" data-testid="meeting-means">
                  On average {d.mean_meetings_per_month.toLocaleString()} meetings a month against{' '}
                  {d.mean_agreed_per_month.toLocaleString()} agreed, for pairs at least a month in.{' '}
                  <Anchor href={csv('meetings_per_month')} download size="sm" underline="always">
                    These averages as CSV
                  </Anchor>
                </Text>
              }
            />
            <ChartWithTable
              title="Goals"
              heading="Status"
              columns={VALUE('Goals')}
              rows={countRows(d.goals)}
              csv={csv('goals')}
              testId="goals"
              note={
                <Text size="sm" c="dimmed">
                  A goal is on track when its progress keeps up with the time gone to its due date.
                </Text>
              }
            />
            <ChartWithTable
              title="Early endings by reason"
              heading="Reason"
              columns={VALUE('Pairs')}
              rows={countRows(d.early_endings)}
              csv={csv('early_endings')}
              testId="early-endings"
            />
            <ChartWithTable
              title="Mentor load against capacity"
              heading="Load"
              columns={VALUE('Mentors')}
              rows={countRows(d.mentor_load_summary)}
              csv={csv('mentor_load_summary')}
              testId="mentor-load"
              note={
                <Text size="sm" c="dimmed">
                  <Anchor href={csv('mentor_load')} download size="sm">
                    Each mentor with their mentees and capacity, as CSV
                  </Anchor>
                </Text>
              }
            />
          </SimpleGrid>
          <FairnessBlocks d={d} csv={csv} />
          <SurveyBlocks d={d} csv={csv} />
          <Card withBorder data-testid="dashboard-competency-change">
            <Stack gap="sm">
              <Group justify="space-between" align="baseline">
                <Title order={2} size="h4">
                  Skills: start → end
                </Title>
                <Anchor href={csv('competency_change')} download size="sm" aria-label="Skills: start → end as CSV">
                  CSV
                </Anchor>
              </Group>
              {d.competency_change ? (
                <CompetencyChange results={d.competency_change} />
              ) : (
                <Text size="sm">
                  {filter.department || filter.site || filter.level
                    ? 'Skills figures are shown for the whole program only, so that no small group can be worked out from them. Clear the filters to see them.'
                    : 'The program does not assess skills. Choose the skills on its Surveys page.'}
                </Text>
              )}
            </Stack>
          </Card>
          <ChartWithTable
            title="Pairs by health label, day by day"
            heading="Day"
            columns={LABELS.map((l) => ({ key: l, label: LABEL_WORDS[l], color: `${LABEL_COLORS[l]}.6` }))}
            rows={d.health_labels.map((day) => ({
              label: formatDay(day.day),
              values: { on_track: day.on_track, needs_attention: day.needs_attention, at_risk: day.at_risk },
            }))}
            csv={csv('health_labels')}
            testId="health-labels"
            chart="area"
            scroll
            note={
              <Text size="sm" c="dimmed">
                Every active pair of the program over the last {d.health_history_days} days, as the hourly check
                labelled them; the filters above do not apply to these counts.
              </Text>
            }
            empty="Nothing yet: the counts are kept from the first hourly check of each day."
          />
        </Stack>
      )}
    </Stack>
  );
}
