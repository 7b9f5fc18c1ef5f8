import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { Question } from '../../api/applications';
import { ApiError, errorMessage } from '../../api/client';
import { useProgram } from '../../api/programs';
import {
  ANCHOR_WORDS,
  AUDIENCE_WORDS,
  createSurvey,
  DIMENSION_WORDS,
  getResults,
  KIND_WORDS,
  listSurveys,
  PRIVACY_WORDS,
  SURVEY_QUESTION_TYPES,
  surveyDefaults,
  surveyResultsExportUrl,
  updateSurvey,
  type QuestionResult,
  type ResultDimension,
  type Survey,
  type SurveyFields,
} from '../../api/surveys';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { BarChart } from '../../components/charts/LazyCharts';
import { ProgramAssessments } from '../assessments/ProgramAssessments';

function options<K extends string>(words: Record<K, string>) {
  return (Object.keys(words) as K[]).map((value) => ({ value, label: words[value] }));
}

function scheduleWords(s: Survey): string {
  const { anchor, days } = s.schedule;
  const who = AUDIENCE_WORDS[s.audience].toLowerCase();
  switch (anchor) {
    case 'after_start':
      return `To ${who}, ${days} days after each relationship starts`;
    case 'halfway':
      return `To ${who}, halfway through each relationship`;
    case 'before_end':
      return `To ${who}, ${days} days before each relationship ends`;
    case 'every':
      return `To ${who}, every ${days} days`;
    case 'after_ending':
      return `To ${who}, ${days} days after a relationship ends early`;
    case 'after_meeting':
      return days === 0
        ? `To ${who}, on the day each meeting is logged as held`
        : `To ${who}, ${days} days after each meeting is logged as held`;
    case 'after_program_start':
      return `To ${who}, ${days} days after the program starts`;
    case 'before_program_end':
      return `To ${who}, ${days} days before the program ends`;
  }
}

/** A new survey, started from one of the surveys the server offers (the mid-point check-in first). */
function NewSurvey({ programId, onDone }: { programId: number; onDone: () => void }) {
  const defaults = useQuery({
    queryKey: ['survey-defaults', programId],
    queryFn: ({ signal }) => surveyDefaults(programId, signal),
    staleTime: Infinity,
  });
  const [pick, setPick] = useState<number | null>(null);
  if (defaults.isPending) return <Loading label="Loading the surveys to start from…" />;
  if (defaults.isError) return <ErrorAlert error={defaults.error} title="Could not load the surveys to start from" />;
  const items = defaults.data.items;
  const chosen = pick ?? Math.max(0, items.findIndex((d) => d.kind === 'midpoint'));
  return (
    <SurveyEditor
      key={chosen}
      programId={programId}
      survey={null}
      start={items[chosen]}
      onDone={onDone}
      choices={
        <Select
          label="Start from"
          description="A survey written for this moment; change anything before you schedule it."
          data={items.map((d, i) => ({ value: String(i), label: d.title }))}
          value={String(chosen)}
          allowDeselect={false}
          onChange={(v) => v !== null && setPick(Number(v))}
        />
      }
    />
  );
}

/** The builder: the survey's words, schedule and questions. */
function SurveyEditor({
  programId,
  survey,
  start,
  choices,
  onDone,
}: {
  programId: number;
  survey: Survey | null;
  /** What a new survey starts from. */
  start?: SurveyFields;
  /** Shown under the title: where a new survey starts from. */
  choices?: ReactNode;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<SurveyFields>(() => survey ?? (start as SurveyFields));
  const set = <K extends keyof SurveyFields>(key: K, value: SurveyFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const setSchedule = (key: keyof SurveyFields['schedule'], value: number | string) =>
    setFields((f) => ({ ...f, schedule: { ...f.schedule, [key]: value } }));
  const setQuestion = (i: number, change: Partial<Question>) =>
    setFields((f) => ({ ...f, questions: f.questions.map((q, k) => (k === i ? { ...q, ...change } : q)) }));
  const save = useMutation({
    mutationFn: () => (survey ? updateSurvey(survey.id, fields) : createSurvey(programId, fields)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['surveys', programId] });
      onDone();
    },
  });
  const fieldOf = (name: string) => (save.error instanceof ApiError && save.error.field === name ? save.error.message : undefined);
  const usesDays = fields.schedule.anchor !== 'halfway';
  const nextId = () => {
    let n = fields.questions.length + 1;
    while (fields.questions.some((q) => q.id === `q${n}`)) n += 1;
    return `q${n}`;
  };
  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3">
            {survey ? `Change “${survey.title}”` : 'New survey'}
          </Title>
          {choices}
          <TextInput label="Title" required value={fields.title} error={fieldOf('title')} onChange={(e) => set('title', e.currentTarget.value)} />
          <Textarea label="Introduction" autosize minRows={2} value={fields.intro} error={fieldOf('intro')} onChange={(e) => set('intro', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label="Kind" data={options(KIND_WORDS)} value={fields.kind} allowDeselect={false} onChange={(v) => v && set('kind', v as SurveyFields['kind'])} />
            <Select label="Who is asked" data={options(AUDIENCE_WORDS)} value={fields.audience} allowDeselect={false} onChange={(v) => v && set('audience', v as SurveyFields['audience'])} />
            <Select
              label="Privacy"
              description={
                fields.privacy === 'anonymous'
                  ? 'Answers are never kept with names.'
                  : 'Kept with names, shown only in summaries.'
              }
              data={options(PRIVACY_WORDS)}
              value={fields.privacy}
              allowDeselect={false}
              error={fieldOf('privacy')}
              onChange={(v) => v && set('privacy', v as SurveyFields['privacy'])}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="When"
              data={options(ANCHOR_WORDS)}
              value={fields.schedule.anchor}
              allowDeselect={false}
              onChange={(v) => v && setSchedule('anchor', v)}
            />
            {usesDays && (
              <NumberInput label="Days" min={0} max={730} value={fields.schedule.days} error={fieldOf('schedule.days')} onChange={(v) => setSchedule('days', Number(v) || 0)} />
            )}
            <NumberInput
              label="Open for (days)"
              min={1}
              max={90}
              value={fields.schedule.open_days}
              error={fieldOf('schedule.open_days')}
              onChange={(v) => setSchedule('open_days', Number(v) || 1)}
            />
            <NumberInput
              label="Reminder after (days)"
              min={1}
              max={89}
              value={fields.schedule.reminder_days}
              error={fieldOf('schedule.reminder_days')}
              onChange={(v) => setSchedule('reminder_days', Number(v) || 1)}
            />
            <NumberInput
              label="Smallest group shown"
              description="Results appear only for groups of at least this many answers (3 or more)."
              min={3}
              max={50}
              value={fields.min_group}
              error={fieldOf('min_group')}
              onChange={(v) => set('min_group', Number(v) || 5)}
            />
          </SimpleGrid>
          <Switch label="Sending" checked={fields.active} onChange={(e) => set('active', e.currentTarget.checked)} />
          <Title order={3} size="h4">
            Questions
          </Title>
          {fields.questions.map((q, i) => {
            const prefix = `questions[${i}]`;
            const hasOptions = q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'matrix';
            return (
              <Card key={q.id} withBorder padding="sm">
                <Stack gap="xs">
                  <Group align="flex-end" wrap="nowrap">
                    <TextInput
                      style={{ flex: 1 }}
                      label={`Question ${i + 1}`}
                      value={q.label}
                      error={fieldOf(`${prefix}.label`)}
                      onChange={(e) => setQuestion(i, { label: e.currentTarget.value })}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove question ${i + 1}`}
                      onClick={() => setFields((f) => ({ ...f, questions: f.questions.filter((_, k) => k !== i) }))}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                  <Group>
                    <Select
                      w={280}
                      aria-label={`Type of question ${i + 1}`}
                      data={SURVEY_QUESTION_TYPES}
                      value={q.type}
                      allowDeselect={false}
                      onChange={(v) => v && setQuestion(i, { type: v as Question['type'], options: [] })}
                    />
                    <Checkbox label="Required" checked={q.required} onChange={(e) => setQuestion(i, { required: e.currentTarget.checked })} />
                  </Group>
                  {hasOptions && (
                    <Textarea
                      label={q.type === 'matrix' ? 'Items, one a line' : 'Options, one a line'}
                      autosize
                      minRows={2}
                      value={q.options.join('\n')}
                      error={fieldOf(`${prefix}.options`)}
                      onChange={(e) => setQuestion(i, { options: e.currentTarget.value.split('\n') })}
                    />
                  )}
                </Stack>
              </Card>
            );
          })}
          {fieldOf('questions') && <Text c="red" size="sm">{fieldOf('questions')}</Text>}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                setFields((f) => ({
                  ...f,
                  questions: [...f.questions, { id: nextId(), type: 'scale', label: '', help: '', required: false, options: [] }],
                }))
              }
            >
              Add a question
            </Button>
          </Group>
          {save.isError && !(save.error instanceof ApiError && save.error.field) && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(save.error)}
            </Alert>
          )}
          {save.isError && save.error instanceof ApiError && save.error.field && (
            <Alert color="red" role="alert" title="Not saved">
              Please check the field marked in red.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {survey ? 'Save' : 'Schedule the survey'}
            </Button>
            <Button variant="subtle" onClick={onDone}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function QuestionChart({ q }: { q: QuestionResult }) {
  if (q.type === 'matrix') {
    const data = q.options.map((item, i) => {
      const row: Record<string, string | number> = { item };
      (q.matrix[i] ?? []).forEach((n, k) => (row[String(k + 1)] = n));
      return row;
    });
    return (
      <BarChart
        h={60 + 40 * data.length}
        data={data}
        dataKey="item"
        type="stacked"
        orientation="vertical"
        yAxisProps={{ width: 160 }}
        series={['1', '2', '3', '4', '5'].map((n, i) => ({
          name: n,
          label: `${n} of 5`,
          color: ['red.6', 'orange.5', 'gray.5', 'teal.5', 'green.7'][i] ?? 'gray.5',
        }))}
        withLegend
      />
    );
  }
  if (q.counts.length === 0) return null;
  return (
    <BarChart
      h={200}
      data={q.counts.map((c) => ({ value: c.value, answers: c.count }))}
      dataKey="value"
      series={[{ name: 'answers', label: 'Answers', color: q.type === 'nps' ? 'indigo.7' : 'teal.8' }]}
      tickLine="y"
      yAxisProps={{ allowDecimals: false }}
      xAxisLabel={q.type === 'nps' ? '0 not likely – 10 extremely likely' : undefined}
    />
  );
}

function QuestionResultCard({ q, k }: { q: QuestionResult; k: number }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {q.label}
        </Title>
        {q.hidden ? (
          <Text c="dimmed" size="sm">
            Hidden: fewer than {k} answers here, or showing it would reveal a smaller group.
          </Text>
        ) : (
          <>
            <Group gap="lg">
              <Text size="sm">{q.answered} answers</Text>
              {q.nps !== null && (
                <Text size="sm" fw={700} data-testid="nps">
                  Net promoter score {q.nps > 0 ? `+${q.nps}` : q.nps}
                </Text>
              )}
              {q.mean !== null && q.type !== 'nps' && <Text size="sm">Average {q.mean.toFixed(1)} of 5</Text>}
            </Group>
            <div role="img" aria-label={`Answers to: ${q.label}`}>
              <QuestionChart q={q} />
            </div>
            {q.texts.length > 0 && (
              <Stack gap={4}>
                {q.texts.map((t, i) => (
                  <Text key={i} size="sm" className="pw-quote">
                    “{t}”
                  </Text>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** Results in aggregate, by a dimension and one of its groups, respecting the smallest group. */
function SurveyResultsPanel({ survey }: { survey: Survey }) {
  const [by, setBy] = useState<ResultDimension | ''>('');
  const [group, setGroup] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['survey-results', survey.id, by, group],
    queryFn: ({ signal }) => getResults(survey.id, by, group, signal),
  });
  const groups = useQuery({
    queryKey: ['survey-results', survey.id, by, null],
    queryFn: ({ signal }) => getResults(survey.id, by, null, signal),
    enabled: by !== '',
  });
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select
          label="Compare by"
          data={[{ value: '', label: 'Everyone' }, ...options(DIMENSION_WORDS)]}
          value={by}
          allowDeselect={false}
          onChange={(v) => {
            setBy((v ?? '') as ResultDimension | '');
            setGroup(null);
          }}
        />
        {by && (
          <Select
            label={DIMENSION_WORDS[by]}
            placeholder="All groups"
            clearable
            data={(groups.data?.groups ?? []).map((g) => ({
              value: g.group,
              label: g.hidden ? `${g.group || '(none)'} (too few answers)` : `${g.group || '(none)'} (${g.responses})`,
              disabled: g.hidden,
            }))}
            value={group}
            onChange={setGroup}
          />
        )}
        <Group gap="sm">
          <Button component="a" href={surveyResultsExportUrl(survey.id, by, group, 'csv')} download variant="default">
            Download as CSV
          </Button>
          <Button component="a" href={surveyResultsExportUrl(survey.id, by, group, 'xlsx')} download>
            Download as Excel
          </Button>
        </Group>
      </Group>
      {results.isPending && <Loading label="Loading the results…" />}
      {results.isError && <ErrorAlert error={results.error} />}
      {results.data && (
        <>
          <Text size="sm" data-testid="survey-response-count">
            {results.data.invited} asked
            {results.data.hidden
              ? ` · results appear once at least ${results.data.min_group} have answered${group ? ' in this group' : ''}`
              : ` · ${results.data.responses} answered${group ? ' in this group' : ''}`}
          </Text>
          {results.data.hidden ? (
            <Alert color="gray" title="Not enough answers yet" data-testid="results-hidden">
              To protect people’s anonymity, results are shown only for at least {results.data.min_group} answers.
            </Alert>
          ) : (
            <Stack gap="md" data-testid="results">
              {results.data.questions.map((q) => (
                <QuestionResultCard key={q.id} q={q} k={results.data.min_group} />
              ))}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

/** /programs/:programId/surveys — the coordinator's surveys: builder, schedule and results. */
export function ProgramSurveysPage() {
  const { programId } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  usePageTitle('Surveys');
  const surveys = useQuery({ queryKey: ['surveys', id], queryFn: ({ signal }) => listSurveys(id, signal) });
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const [showing, setShowing] = useState<number | null>(null);
  if (surveys.isPending || program.isPending) return <Loading label="Loading the surveys…" />;
  if (surveys.isError) return <ErrorAlert error={surveys.error} />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const shown = surveys.data.items.find((s) => s.id === showing) ?? null;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${id}`}>
        ← {program.data.name}
      </Anchor>
      <PageHeader
        title="Surveys"
        description="Ask mentors and mentees at the right moment of their relationship. The scheduler sends each survey by mail with a personal link; results are shown only for groups large enough to keep answers anonymous."
      >
        {editing === null && <Button onClick={() => setEditing('new')}>New survey</Button>}
      </PageHeader>
      {editing !== null && (
        editing === 'new' ? (
          <NewSurvey programId={id} onDone={() => setEditing(null)} />
        ) : (
          <SurveyEditor key={editing.id} programId={id} survey={editing} onDone={() => setEditing(null)} />
        )
      )}
      {surveys.data.items.length === 0 && editing === null && (
        <Card withBorder>
          <Text c="dimmed">No surveys yet. “New survey” starts from one written for each moment — the start, halfway, the end or after a meeting — that you can change.</Text>
        </Card>
      )}
      {surveys.data.items.map((s) => (
        <Card key={s.id} withBorder data-testid="survey-card">
          <Stack gap="xs">
            <Group justify="space-between">
              <Group gap="xs">
                <Title order={2} size="h4">
                  {s.title}
                </Title>
                <Badge variant="light">{KIND_WORDS[s.kind]}</Badge>
                <Badge variant="light" color={s.privacy === 'anonymous' ? 'grape' : 'blue'}>
                  {s.privacy === 'anonymous' ? 'Anonymous' : 'Confidential'}
                </Badge>
                {!s.active && <Badge color="gray">Not sending</Badge>}
              </Group>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing(s)}>
                  Change
                </Button>
                <Button size="xs" onClick={() => setShowing(showing === s.id ? null : s.id)}>
                  {showing === s.id ? 'Hide results' : 'Results'}
                </Button>
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {scheduleWords(s)}; open {s.schedule.open_days} days, one reminder after {s.schedule.reminder_days} days.{' '}
              {s.questions.length} questions.
            </Text>
            {shown?.id === s.id && <SurveyResultsPanel survey={s} />}
          </Stack>
        </Card>
      ))}
      <ProgramAssessments programId={id} />
    </Stack>
  );
}
