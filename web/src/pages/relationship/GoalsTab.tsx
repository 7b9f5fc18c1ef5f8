import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Slider,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  addMilestone,
  confirmGoal,
  createGoal,
  goalKeys,
  setMilestoneDone,
  updateGoal,
  useGoalHistory,
  useGoals,
  type Goal,
  type GoalFields,
  type RelationshipDetail,
} from '../../api/relationships';
import { formatDate, formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';
import { ResourceLinks } from '../../components/ResourceLinks';

const EMPTY: GoalFields = {
  title: '',
  measure: '',
  target: '',
  relevance: '',
  due_date: null,
  progress_mode: 'milestones',
  progress: 0,
};

const FIELD_WORDS: Record<string, string> = {
  created: 'Created',
  title: 'What',
  measure: 'Measure',
  target: 'Target',
  relevance: 'Why it matters',
  skill: 'Skill',
  due_date: 'Due date',
  progress_mode: 'How progress is counted',
  progress: 'Progress',
  achievable: 'Mentor confirmed it is achievable',
  completed: 'Mentor confirmed it is complete',
};

function describe(field: string): string {
  if (field.startsWith('milestone:')) return `Milestone “${field.slice('milestone:'.length)}”`;
  return FIELD_WORDS[field] ?? field;
}

/** The SMART goal form: add a goal, or change one (with its version, so two tabs do not collide). */
function GoalForm({ r, goal, onDone }: { r: RelationshipDetail; goal?: Goal; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<GoalFields>(goal ? { ...goal } : EMPTY);
  const save = useMutation({
    mutationFn: () => (goal ? updateGoal(r.id, goal, fields) : createGoal(r.id, fields)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: goalKeys.list(r.id) });
      onDone();
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError && save.error.field === name ? save.error.message : undefined;
  const set = (name: keyof GoalFields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setFields({ ...fields, [name]: e.currentTarget.value });
  const stale = save.error instanceof ApiError && save.error.code === 'stale_goal';
  return (
    <Card withBorder data-testid="goal-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {goal ? 'Change the goal' : 'A new goal'}
        </Title>
        <Text size="sm" c="dimmed">
          A good goal is specific, measurable, achievable, relevant and has a date. Start with what you want; fill in the
          rest when you know it.
        </Text>
        <TextInput label="What do you want to achieve?" required value={fields.title} onChange={set('title')} error={fieldError('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="How will you measure it?" value={fields.measure} onChange={set('measure')} error={fieldError('measure')} />
          <TextInput label="What value means done?" value={fields.target} onChange={set('target')} error={fieldError('target')} />
        </SimpleGrid>
        <Textarea label="Why does it matter to you?" value={fields.relevance} onChange={set('relevance')} error={fieldError('relevance')} autosize />
        <TextInput
          label="Due date"
          type="date"
          value={fields.due_date ?? ''}
          onChange={(e) => setFields({ ...fields, due_date: e.currentTarget.value || null })}
          error={fieldError('due_date')}
          description={r.agreement?.end_date ? `On or before ${formatDate(r.agreement.end_date)}` : undefined}
          w={{ base: '100%', sm: 220 }}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="progress-mode-label">
            How progress is counted
          </Text>
          <SegmentedControl
            aria-labelledby="progress-mode-label"
            value={fields.progress_mode}
            onChange={(v) => setFields({ ...fields, progress_mode: v as GoalFields['progress_mode'] })}
            data={[
              { value: 'milestones', label: 'From milestones' },
              { value: 'manual', label: 'By hand' },
            ]}
          />
        </div>
        {fields.progress_mode === 'manual' && (
          <div>
            <Text size="sm" fw={500} id="progress-label">
              Progress: {fields.progress}%
            </Text>
            <Slider
              aria-labelledby="progress-label"
              value={fields.progress}
              onChange={(v) => setFields({ ...fields, progress: v })}
              step={5}
              label={(v) => `${v}%`}
            />
          </div>
        )}
        {save.isError && !['title', 'measure', 'target', 'relevance', 'due_date'].includes((save.error as ApiError).field ?? '') && (
          <Alert color="red" role="alert">
            {stale ? 'This goal changed meanwhile (perhaps in another tab). Close the form and open it again.' : errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!fields.title.trim()}>
            {goal ? 'Save the goal' : 'Add the goal'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function GoalHistory({ r, goal }: { r: RelationshipDetail; goal: Goal }) {
  const history = useGoalHistory(r.id, goal.id, true);
  const names: Record<string, string> = { [r.mentor.employee_id]: r.mentor.name, [r.mentee.employee_id]: r.mentee.name };
  if (history.isPending) return <Loading label="Loading the history…" />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  return (
    <List size="sm" spacing={2} data-testid="goal-history">
      {history.data.items.map((e, i) => (
        <List.Item key={i}>
          {formatDateTime(e.at)} · {names[e.by] ?? e.by}: {describe(e.field)}
          {e.field === 'created' ? '' : ` ${e.from ? `from “${e.from}” ` : ''}to “${e.to || 'nothing'}”`}
        </List.Item>
      ))}
    </List>
  );
}

function GoalCard({ r, goal }: { r: RelationshipDetail; goal: Goal }) {
  const queryClient = useQueryClient();
  const mentee = r.relations.mentee;
  const mentor = r.relations.mentor;
  const active = r.status === 'active';
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [milestone, setMilestone] = useState('');
  const [milestoneDue, setMilestoneDue] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['relationships', r.id, 'goals'] });
  const change = useMutation({ mutationFn: (fn: () => Promise<Goal>) => fn(), onSettled: refresh });
  if (editing) return <GoalForm r={r} goal={goal} onDone={() => setEditing(false)} />;
  return (
    <Card withBorder data-testid="goal">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <Title order={3} size="h5">
            {goal.title}
          </Title>
          <Group gap="xs">
            {goal.achievable_confirmed && <Badge variant="light">Achievable</Badge>}
            {goal.completed && (
              <Badge variant="light" color="green">
                Completed
              </Badge>
            )}
          </Group>
        </Group>
        <Progress value={goal.progress} aria-label={`${goal.title}: ${goal.progress}% done`} />
        <Text size="sm">{goal.progress}% done{goal.due_date ? ` · due ${formatDate(goal.due_date)}` : ''}</Text>
        {(goal.measure || goal.target) && (
          <Text size="sm">
            Measured by {goal.measure || '—'}; done at {goal.target || '—'}
          </Text>
        )}
        {goal.relevance && <Text size="sm">Why: {goal.relevance}</Text>}
        {goal.checks.length > 0 && (
          <List size="sm" c="dimmed" data-testid="goal-checks">
            {goal.checks.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        )}
        <Stack gap={4}>
          {goal.milestones.map((m) => (
            <Checkbox
              key={m.id}
              label={`${m.title}${m.due_date ? ` (by ${formatDate(m.due_date)})` : ''}`}
              checked={m.done}
              disabled={!mentee || !active || change.isPending}
              onChange={(e) => {
                const done = e.currentTarget.checked;
                change.mutate(() => setMilestoneDone(r.id, goal, m.id, done));
              }}
            />
          ))}
        </Stack>
        {mentee && active && (
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="New milestone"
              value={milestone}
              onChange={(e) => setMilestone(e.currentTarget.value)}
              w={{ base: '100%', sm: 260 }}
            />
            <TextInput
              label="By"
              type="date"
              value={milestoneDue}
              onChange={(e) => setMilestoneDue(e.currentTarget.value)}
              w={{ base: '100%', sm: 180 }}
            />
            <Button
              variant="default"
              disabled={!milestone.trim()}
              onClick={() =>
                change.mutate(() => addMilestone(r.id, goal, milestone, milestoneDue || null), {
                  onSuccess: () => {
                    setMilestone('');
                    setMilestoneDue('');
                  },
                })
              }
            >
              Add milestone
            </Button>
          </Group>
        )}
        {change.isError && (
          <Alert color="red" role="alert">
            {change.error instanceof ApiError && change.error.code === 'stale_goal'
              ? 'This goal changed meanwhile; it is shown as it is now. Try again.'
              : errorMessage(change.error)}
          </Alert>
        )}
        <Group gap="xs" wrap="wrap">
          {mentee && active && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Change the goal
            </Button>
          )}
          {mentor && active && (
            <>
              <Button
                size="xs"
                variant="default"
                onClick={() => change.mutate(() => confirmGoal(r.id, goal, 'achievable', !goal.achievable_confirmed))}
              >
                {goal.achievable_confirmed ? 'Withdraw “achievable”' : 'Confirm it is achievable'}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => change.mutate(() => confirmGoal(r.id, goal, 'completed', !goal.completed))}
              >
                {goal.completed ? 'Reopen' : 'Confirm it is complete'}
              </Button>
            </>
          )}
          <Button size="xs" variant="default" onClick={() => setShowHistory(!showHistory)}>
            {showHistory ? 'Hide the history' : 'Show the history'}
          </Button>
        </Group>
        {showHistory && <GoalHistory r={r} goal={goal} />}
      </Stack>
    </Card>
  );
}

/** Goals: the pair's SMART goals; overseers see how many and how far, never the text. */
export function GoalsTab({ r }: { r: RelationshipDetail }) {
  const goals = useGoals(r.id);
  const [adding, setAdding] = useState(false);
  if (goals.isPending) return <Loading label="Loading the goals…" />;
  if (goals.isError) return <ErrorAlert error={goals.error} />;
  const view = goals.data;
  if (!view.items) {
    return (
      <Card withBorder>
        <Text size="sm" data-testid="goal-summary">
          {view.count === 0
            ? 'The pair has no goals yet.'
            : `${view.count} goal${view.count === 1 ? '' : 's'}, ${view.average_progress}% done on average; ${view.summaries.filter((s) => s.completed).length} completed.`}{' '}
          What the goals say stays with the pair.
        </Text>
      </Card>
    );
  }
  const active = r.status === 'active';
  return (
    <Stack gap="md">
      <ResourceLinks links={[{ topic: 'smart-goals', label: 'Setting SMART goals together' }]} />
      {r.status === 'pending_agreement' && (
        <Alert color="yellow">Goals open once you have both accepted the agreement.</Alert>
      )}
      {view.items.length === 0 && active && (
        <Text size="sm">
          {r.relations.mentee
            ? 'No goals yet. What do you want to get out of this relationship?'
            : `No goals yet. ${r.mentee.name} writes the goals; you help shape them and confirm them.`}
        </Text>
      )}
      {view.items.map((g) => (
        <GoalCard key={g.id} r={r} goal={g} />
      ))}
      {r.relations.mentee && active && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)}>Add a goal</Button>
        </Group>
      )}
      {adding && <GoalForm r={r} onDone={() => setAdding(false)} />}
    </Stack>
  );
}
