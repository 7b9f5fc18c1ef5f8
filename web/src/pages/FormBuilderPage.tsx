import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Card, Checkbox, Group, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { saveForm, useApplicationForm, QUESTION_TYPES, type Question, type QuestionType, type Side } from '../api/applications';
import { ApiError, errorMessage } from '../api/client';
import { useProgram } from '../api/programs';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';
import { COORDINATORS_ONLY, ForbiddenPage } from './ForbiddenPage';

const CHOICE: QuestionType[] = ['single_choice', 'multiple_choice'];

function newQuestion(existing: Question[]): Question {
  let n = existing.length + 1;
  while (existing.some((q) => q.id === `q${n}`)) n += 1;
  return { id: `q${n}`, type: 'short_text', label: '', help: '', required: false, options: [] };
}

/** PUT /programs/{id}/forms/{side}: the questions one side answers when applying. */
export function FormBuilderPage() {
  const { programId, side } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  const form = useApplicationForm(id, side as Side);
  const queryClient = useQueryClient();
  const [questions, setQuestions] = useState<Question[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string; index?: number } | null>(null);
  const save = useMutation({
    mutationFn: (qs: Question[]) =>
      saveForm(id, side as Side, qs.map((q) => (CHOICE.includes(q.type) ? q : { ...q, options: [] }))),
    onMutate: () => setMessage(null),
    onSuccess: async (saved) => {
      setQuestions(saved.questions);
      setMessage({ ok: true, text: `Saved as version ${saved.version}.` });
      await queryClient.invalidateQueries({ queryKey: ['form', id, side] });
    },
    onError: (e) => {
      const match = e instanceof ApiError ? /^questions\[(\d+)\]/.exec(e.field ?? '') : null;
      setMessage({ ok: false, text: errorMessage(e), ...(match ? { index: Number(match[1]) } : {}) });
    },
  });
  usePageTitle(`${side === 'mentor' ? 'Mentor' : 'Mentee'} application form`);
  useEffect(() => {
    if (form.data && questions === null) setQuestions(form.data.questions);
  }, [form.data, questions]);
  if (program.isPending) return <Loading label="Loading the form…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  if (!program.data.me.coordinator) return <ForbiddenPage reason={COORDINATORS_ONLY} />;
  if (form.isPending || questions === null) return <Loading label="Loading the form…" />;
  if (form.isError) return <ErrorAlert error={form.error} />;

  const change = (index: number, patch: Partial<Question>) =>
    setQuestions((qs) => qs!.map((q, i) => (i === index ? { ...q, ...patch } : q)));
  const move = (index: number, by: number) =>
    setQuestions((qs) => {
      const next = [...qs!];
      const [q] = next.splice(index, 1);
      next.splice(index + by, 0, q!);
      return next;
    });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${id}`}>
        ← {program.data.name}
      </Anchor>
      <PageHeader
        title={`${side === 'mentor' ? 'Mentor' : 'Mentee'} application form`}
        description={`Version ${form.data.version}. Once someone has answered it, saving makes a new version; their answers stay readable against the questions they saw.`}
      />
      {program.data.type === 'self_match' && side === 'mentor' && (
        <Alert color="blue" title="This form is the mentors' listing">
          Mentees choosing a mentor see what mentors answer to skills questions (and can filter by those skills), and the first
          long answer as the mentor's introduction when their profile has none. Other answers stay with the coordinators.
        </Alert>
      )}
      {questions.map((q, index) => (
        <Card withBorder key={index} data-testid="question-card" aria-label={`Question ${index + 1}`} component="section">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={700}>Question {index + 1}</Text>
              <Group gap={4}>
                <ActionIcon variant="default" aria-label={`Move question ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="default" aria-label={`Move question ${index + 1} down`} disabled={index === questions.length - 1} onClick={() => move(index, 1)}>
                  ↓
                </ActionIcon>
                <ActionIcon variant="default" aria-label={`Remove question ${index + 1}`} onClick={() => setQuestions(questions.filter((_, i) => i !== index))}>
                  ✕
                </ActionIcon>
              </Group>
            </Group>
            <TextInput label="Question" value={q.label} onChange={(e) => change(index, { label: e.currentTarget.value })} />
            <Group grow align="flex-start">
              <Select label="Kind of answer" data={QUESTION_TYPES} allowDeselect={false} value={q.type} onChange={(v) => change(index, { type: (v ?? 'short_text') as QuestionType })} />
              <TextInput label="Key" description="Stable id: a-z, 0-9 and _" value={q.id} onChange={(e) => change(index, { id: e.currentTarget.value })} />
            </Group>
            <TextInput label="Help text" value={q.help} onChange={(e) => change(index, { help: e.currentTarget.value })} />
            {CHOICE.includes(q.type) && (
              <TagsInput label="Options" description="Press Enter after each." value={q.options} onChange={(v) => change(index, { options: v })} />
            )}
            <Checkbox label="An answer is required" checked={q.required} onChange={(e) => change(index, { required: e.currentTarget.checked })} />
            {message && !message.ok && message.index === index && (
              <Text c="red.8" role="alert">
                {message.text}
              </Text>
            )}
          </Stack>
        </Card>
      ))}
      <Group>
        <Button variant="default" onClick={() => setQuestions([...questions, newQuestion(questions)])}>
          Add a question
        </Button>
        <Button onClick={() => save.mutate(questions)} loading={save.isPending}>
          Save form
        </Button>
      </Group>
      {message && (message.ok || message.index === undefined) && (
        <Alert color={message.ok ? 'green' : 'red'} role="status">
          {message.text}
        </Alert>
      )}
    </Stack>
  );
}
