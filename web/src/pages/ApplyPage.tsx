import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apply, updateAnswers, useApplication, useApplicationForm, type AnswerValue, type Question, type Side } from '../api/applications';
import { ApiError, errorMessage } from '../api/client';
import { useSkills } from '../api/people';
import { useProgram } from '../api/programs';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { cleanAnswers, QuestionField } from '../components/QuestionField';
import { usePageTitle } from '../layout/usePageTitle';

/** The form of one side, filled in; used to apply and to edit an application. */
export function AnswersForm({
  questions,
  initial,
  submitLabel,
  onSubmit,
  programId,
  maxRanked,
}: {
  programId: number;
  maxRanked?: number | undefined;
  questions: Question[];
  initial: Record<string, AnswerValue>;
  submitLabel: string;
  onSubmit: (answers: Record<string, AnswerValue>) => Promise<void>;
}) {
  const skills = useSkills();
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: onSubmit,
    onMutate: () => {
      setErrors({});
      setFormError(null);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field?.startsWith('answers.')) {
        setErrors({ [error.field.slice('answers.'.length)]: error.message });
      } else {
        setFormError(errorMessage(error));
      }
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    send.mutate(cleanAnswers(answers));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {questions.length === 0 && <Text c="dimmed">This program asks no questions on this side.</Text>}
        {questions.map((q) => (
          <QuestionField
            key={q.id}
            question={q}
            value={answers[q.id]}
            onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
            error={errors[q.id]}
            skills={skills.data ?? []}
            programId={programId}
            maxRanked={maxRanked}
          />
        ))}
        {formError && (
          <Alert color="red" role="alert" title="Not sent">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={send.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** POST /programs/{id}/applications: apply to one side of a program. */
export function ApplyPage() {
  const { programId, side } = useParams();
  const id = Number(programId);
  const program = useProgram(id);
  const form = useApplicationForm(id, side as Side);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(`Apply as a ${side}`);
  if (program.isPending || form.isPending) return <Loading label="Loading the form…" />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  if (form.isError) return <ErrorAlert error={form.error} />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${id}`}>
        ← {program.data.name}
      </Anchor>
      <PageHeader title={`Apply as a ${side}`} description={program.data.name} />
      <Card withBorder>
        <AnswersForm
          programId={id}
          maxRanked={program.data.max_ranked_choices}
          questions={form.data.questions}
          initial={{}}
          submitLabel="Send application"
          onSubmit={async (answers) => {
            const created = await apply(id, side as Side, answers);
            await queryClient.invalidateQueries({ queryKey: ['me', 'applications'] });
            navigate(`/applications/${created.id}`);
          }}
        />
      </Card>
    </Stack>
  );
}

/** PUT /applications/{id}: change the answers while the application waits for review. */
export function EditApplicationPage() {
  const { applicationId } = useParams();
  const id = Number(applicationId);
  const application = useApplication(id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useApplicationForm(application.data?.program_id ?? 0, application.data?.side ?? 'mentee');
  const program = useProgram(application.data?.program_id ?? 0);
  usePageTitle('Edit application');
  if (application.isPending || form.isPending) return <Loading label="Loading the application…" />;
  if (application.isError) return <ErrorAlert error={application.error} />;
  if (form.isError) return <ErrorAlert error={form.error} />;
  return (
    <Stack gap="lg">
      <PageHeader title="Edit application" description={application.data.program_name} />
      <Card withBorder>
        <AnswersForm
          programId={application.data.program_id}
          maxRanked={program.data?.max_ranked_choices}
          questions={form.data.questions}
          initial={application.data.answers}
          submitLabel="Save answers"
          onSubmit={async (answers) => {
            await updateAnswers(id, answers);
            await queryClient.invalidateQueries({ queryKey: ['application', id] });
            navigate(`/applications/${id}`);
          }}
        />
      </Card>
    </Stack>
  );
}
