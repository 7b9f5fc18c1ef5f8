import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { AnswerValue } from '../../api/applications';
import { ApiError, errorMessage } from '../../api/client';
import { answerByLink, answerMySurvey, mySurvey, surveyByLink, type SurveyToAnswer } from '../../api/surveys';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';
import { cleanAnswers, QuestionField } from '../../components/QuestionField';
import { usePageTitle } from '../../layout/usePageTitle';

function PrivacyNote({ survey }: { survey: SurveyToAnswer }) {
  return (
    <Text size="sm" c="dimmed">
      {survey.privacy === 'anonymous'
        ? 'Your answers are anonymous: they are stored without your name, and shown only in summaries of several people.'
        : 'Your answers are confidential: only summaries of several people are shown to the program’s coordinators.'}
    </Text>
  );
}

/** A survey's questions, answered once; phone-first (one column, full-width controls). */
function SurveyForm({ survey, send }: { survey: SurveyToAnswer; send: (answers: Record<string, AnswerValue>) => Promise<unknown> }) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = useMutation({
    mutationFn: send,
    onMutate: () => setErrors({}),
    onError: (error) => {
      if (error instanceof ApiError && error.field?.startsWith('answers.')) {
        setErrors({ [error.field.slice('answers.'.length)]: error.message });
      }
    },
  });
  if (submit.isSuccess) {
    return (
      <Alert color="green" title="Thank you" role="status">
        Your answers are in. You can close this page.
      </Alert>
    );
  }
  const fieldError = submit.error instanceof ApiError && submit.error.field?.startsWith('answers.');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(cleanAnswers(answers));
      }}
    >
      <Stack gap="lg">
        {survey.questions.map((q) => (
          <QuestionField
            key={q.id}
            question={q}
            value={answers[q.id]}
            onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
            error={errors[q.id]}
            skills={[]}
            programId={0}
          />
        ))}
        {submit.isError && !fieldError && (
          <Alert color="red" role="alert" title="Not sent">
            {submit.error instanceof ApiError && submit.error.status === 409
              ? 'This survey has been answered already, or it has closed.'
              : errorMessage(submit.error)}
          </Alert>
        )}
        <Button type="submit" size="md" fullWidth loading={submit.isPending}>
          Send my answers
        </Button>
      </Stack>
    </form>
  );
}

function SurveyBody({ survey, send }: { survey: SurveyToAnswer; send: (answers: Record<string, AnswerValue>) => Promise<unknown> }) {
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed">
          {survey.program_name}
        </Text>
        <Title order={1} size="h2">
          {survey.title}
        </Title>
      </div>
      {survey.intro && <Text>{survey.intro}</Text>}
      <PrivacyNote survey={survey} />
      {survey.answered ? (
        <Alert color="green" title="Answered" role="status">
          You have answered this survey. Thank you.
        </Alert>
      ) : survey.closed ? (
        <Alert color="gray" title="Closed" role="status">
          This survey closed on {formatDate(survey.closes_at)}.
        </Alert>
      ) : (
        <>
          <Text size="sm">Open until {formatDate(survey.closes_at)}.</Text>
          <SurveyForm survey={survey} send={send} />
        </>
      )}
    </Stack>
  );
}

/** /survey-links/:token — the mail's link, answered without signing in. */
export function SurveyLinkPage() {
  const { token = '' } = useParams();
  usePageTitle('Survey');
  const survey = useQuery({
    queryKey: ['survey-link', token],
    queryFn: ({ signal }) => surveyByLink(token, signal),
    retry: false,
  });
  if (survey.isPending) return <Loading label="Loading the survey…" />;
  if (survey.isError) {
    return survey.error instanceof ApiError && survey.error.status === 404 ? (
      <Alert color="gray" title="This link does not work">
        The link may be incomplete. Please open it again from the mail.
      </Alert>
    ) : (
      <ErrorAlert error={survey.error} />
    );
  }
  return <SurveyBody survey={survey.data} send={(answers) => answerByLink(token, answers)} />;
}

/** /mentoring/surveys/:invitationId — one of my surveys, signed in. */
export function MySurveyPage() {
  const { invitationId } = useParams();
  const id = Number(invitationId);
  const queryClient = useQueryClient();
  usePageTitle('Survey');
  const survey = useQuery({ queryKey: ['me', 'surveys', id], queryFn: ({ signal }) => mySurvey(id, signal) });
  if (survey.isPending) return <Loading label="Loading the survey…" />;
  if (survey.isError) return <ErrorAlert error={survey.error} />;
  const own = survey.data.own_answers;
  return (
    <Stack gap="lg" maw={560}>
      <Anchor component={Link} to="/mentoring">
        ← My mentoring
      </Anchor>
      <SurveyBody
        survey={survey.data}
        send={async (answers) => {
          await answerMySurvey(id, answers);
          await queryClient.invalidateQueries({ queryKey: ['me', 'surveys'] });
        }}
      />
      {own && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            Your answers
          </Title>
          {survey.data.questions.map((q) => (
            <Text key={q.id} size="sm">
              <b>{q.label}</b> {own[q.id] === undefined ? '—' : Array.isArray(own[q.id]) ? (own[q.id] as string[]).join(', ') : String(own[q.id])}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

