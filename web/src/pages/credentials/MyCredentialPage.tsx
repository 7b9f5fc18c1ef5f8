import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import {
  applyForCredential,
  CANDIDATE_STATUS_WORDS,
  completeTraining,
  CREDENTIAL_STATUS_WORDS,
  credentialKeys,
  useMyCredential,
  type Candidate,
  type Credential,
  type Framework,
  type QuizAttempt,
  type SignOff,
  type TrainingTopic,
  takeQuiz,
} from '../../api/credentials';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { StepFiles } from './EvidenceFiles';

/** The credential in a sentence: status and dates. */
export function CredentialLine({ credential }: { credential: Credential }) {
  const status = CREDENTIAL_STATUS_WORDS[credential.status];
  const until =
    credential.status === 'revoked'
      ? `revoked on ${formatDate(credential.revoked_at)}`
      : credential.status === 'expired'
        ? `expired on ${formatDate(credential.expires_at)}`
        : `valid until ${formatDate(credential.expires_at)}`;
  return (
    <Group gap="xs" data-testid="credential-line">
      <Badge color={credential.status === 'current' ? 'teal' : 'gray'} variant="light">
        {credential.name}: {status}
      </Badge>
      <Text size="sm">
        Issued {formatDate(credential.issued_at)}, {until}.
      </Text>
    </Group>
  );
}

/** One sign-off: who, when, what evidence, which rubric scores. */
export function SignOffEvidence({ signOff, framework }: { signOff: SignOff; framework: Framework }) {
  const topic = framework.topics.find((t) => t.code === signOff.topic);
  return (
    <Card withBorder padding="sm" data-testid="sign-off">
      <Text size="sm" fw={600}>
        {topic ? `${topic.name}: ` : ''}signed by {signOff.signed_by.name} on {formatDate(signOff.signed_at)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {signOff.evidence}
      </Text>
      {Object.keys(signOff.scores).length > 0 && (
        <List size="sm" mt={4}>
          {framework.competencies
            .filter((c) => c.code in signOff.scores)
            .map((c) => {
              const level = framework.levels.find((l) => l.score === signOff.scores[c.code]);
              return (
                <List.Item key={c.code}>
                  {c.name}: {level ? level.name : signOff.scores[c.code]}
                </List.Item>
              );
            })}
        </List>
      )}
    </Card>
  );
}

/** Every quiz attempt with its score: what the candidate and reviewers see (never the answers). */
export function QuizAttempts({ attempts, framework }: { attempts: QuizAttempt[]; framework: Framework }) {
  return (
    <Stack gap={4} mt="xs" data-testid="quiz-attempts">
      <Text size="sm" fw={600}>
        Quiz attempts
      </Text>
      <List size="sm">
        {attempts.map((a) => {
          const topic = framework.topics.find((t) => t.code === a.topic);
          return (
            <List.Item key={a.id}>
              {topic ? topic.name : 'A module'}: {a.score} of {a.total} right on {formatDate(a.taken_at)},{' '}
              {a.passed ? 'passed' : `not passed (${a.pass_mark} needed)`}
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}

/**
 * The seven steps with what is done and what is next; evidence (texts and files) under each step
 * when given. `maxFileBytes` lets the candidate add and remove their files.
 */
export function CandidatePath({ candidate, maxFileBytes }: { candidate: Candidate; maxFileBytes?: number }) {
  const { framework, progress } = candidate;
  return (
    <Stack gap="sm" data-testid="credential-path">
      {framework.steps.map((step) => {
        const done = progress.done[step.number - 1];
        const next = progress.next_step === step.number && candidate.status !== 'declined';
        const evidence = (candidate.sign_offs ?? []).filter((s) => s.step === step.number);
        return (
          <Card withBorder key={step.number} data-testid={`step-${step.number}`}>
            <Group justify="space-between" wrap="wrap">
              <Title order={3} size="h4">
                {step.number}. {step.name}
              </Title>
              <Badge color={done ? 'teal' : next ? 'blue' : 'gray'} variant="light">
                {done ? 'Done' : next ? 'Next' : 'Not yet'}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {step.description}
            </Text>
            {evidence.length > 0 && (
              <Stack gap="xs" mt="xs">
                {evidence.map((s) => (
                  <SignOffEvidence key={s.id} signOff={s} framework={framework} />
                ))}
              </Stack>
            )}
            {step.number === 3 && (candidate.quiz_attempts ?? []).length > 0 && (
              <QuizAttempts attempts={candidate.quiz_attempts ?? []} framework={framework} />
            )}
            <StepFiles candidate={candidate} step={step.number} maxBytes={maxFileBytes} />
          </Card>
        );
      })}
    </Stack>
  );
}

function ApplyForm() {
  const queryClient = useQueryClient();
  const [motivation, setMotivation] = useState('');
  const [experience, setExperience] = useState('');
  const apply = useMutation({
    mutationFn: () => applyForCredential(motivation, experience),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Apply for the Mentor credential
        </Title>
        <Textarea label="Why do you want to mentor?" required autosize minRows={3} value={motivation} onChange={(e) => setMotivation(e.currentTarget.value)} />
        <Textarea label="Your experience" description="What you could pass on to others." autosize minRows={2} value={experience} onChange={(e) => setExperience(e.currentTarget.value)} />
        {apply.isError && (
          <Alert color="red" role="alert">
            {errorMessage(apply.error)}
          </Alert>
        )}
        <Group>
          <Button onClick={() => apply.mutate()} loading={apply.isPending} disabled={!motivation.trim()}>
            Send my application
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Why a quiz was refused, in plain words. */
function quizFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'too_many_attempts') {
      return 'You have tried this quiz three times in the last day. Read the module again; you can try once more tomorrow.';
    }
    if (error.code === 'already_signed') return 'You have completed this module already.';
    if (error.field === 'answers' || error.field?.startsWith('answers[')) return 'Answer every question, then send your answers.';
  }
  return errorMessage(error);
}

/** A module's quiz: one choice or several per question; graded by the server. */
function ModuleQuiz({ candidate, topic }: { candidate: Candidate; topic: TrainingTopic }) {
  const queryClient = useQueryClient();
  const quiz = topic.quiz!;
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const send = useMutation({
    mutationFn: () =>
      takeQuiz(
        candidate.id,
        topic.code,
        quiz.questions.map((q) => ({ question: q.id, options: chosen[q.id] ?? [] })),
      ),
    onSuccess: (result) => {
      if (!result.attempt.passed) setChosen({});
      return queryClient.invalidateQueries({ queryKey: credentialKeys.all });
    },
  });
  const attempts = (candidate.quiz_attempts ?? []).filter((a) => a.topic === topic.code);
  const previous = attempts.at(-1);
  const last = send.data?.attempt ?? null;
  const complete = quiz.questions.every((q) => (chosen[q.id] ?? []).length > 0);
  return (
    <Stack gap="sm" data-testid="module-quiz">
      <Text size="sm" fw={600}>
        Quiz: answer {quiz.pass_mark} of {quiz.questions.length} questions right to complete this module.
      </Text>
      {quiz.questions.map((q, i) =>
        q.multiple ? (
          <Checkbox.Group
            key={q.id}
            label={`${i + 1}. ${q.text}`}
            description="Choose all that apply."
            value={chosen[q.id] ?? []}
            onChange={(value) => setChosen((c) => ({ ...c, [q.id]: value }))}
          >
            <Stack gap={6} mt={6}>
              {q.options.map((o) => (
                <Checkbox key={o.id} value={o.id} label={o.text} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Radio.Group
            key={q.id}
            label={`${i + 1}. ${q.text}`}
            value={(chosen[q.id] ?? [])[0] ?? null}
            onChange={(value) => setChosen((c) => ({ ...c, [q.id]: [value] }))}
          >
            <Stack gap={6} mt={6}>
              {q.options.map((o) => (
                <Radio key={o.id} value={o.id} label={o.text} />
              ))}
            </Stack>
          </Radio.Group>
        ),
      )}
      {send.isError && (
        <Alert color="red" role="alert">
          {quizFailure(send.error)}
        </Alert>
      )}
      {last && !last.passed && (
        <Alert color="yellow" role="status" data-testid="quiz-result">
          {last.score} of {last.total} right; {last.pass_mark} are needed. Read the module again and try once more (three tries a day).
        </Alert>
      )}
      {previous && !last && (
        <Text size="sm" c="dimmed">
          {attempts.length === 1 ? 'One earlier try' : `${attempts.length} earlier tries`}, the last {previous.score} of {previous.total} right.
        </Text>
      )}
      <Group>
        <Button size="sm" onClick={() => send.mutate()} loading={send.isPending} disabled={!complete}>
          Send my answers
        </Button>
      </Group>
    </Stack>
  );
}

function TrainingModules({ candidate }: { candidate: Candidate }) {
  const queryClient = useQueryClient();
  const [reflections, setReflections] = useState<Record<string, string>>({});
  const complete = useMutation({
    mutationFn: (topic: string) => completeTraining(candidate.id, topic, reflections[topic] ?? ''),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  const open = candidate.framework.topics.filter((t) => candidate.progress.topics_open.includes(t.code));
  if (open.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Training modules to complete
      </Title>
      {complete.isError && (
        <Alert color="red" role="alert">
          {errorMessage(complete.error)}
        </Alert>
      )}
      {open.map((t) => (
        <Card withBorder key={t.code} data-testid="training-module">
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t.name}
            </Title>
            <Text size="sm">{t.content}</Text>
            {t.quiz ? (
              <ModuleQuiz candidate={candidate} topic={t} />
            ) : (
              <>
            <Textarea
              label={t.check}
              aria-label={`Reflection on ${t.name}`}
              autosize
              minRows={2}
              value={reflections[t.code] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setReflections((r) => ({ ...r, [t.code]: value }));
              }}
            />
            <Group>
              <Button
                size="sm"
                onClick={() => complete.mutate(t.code)}
                loading={complete.isPending && complete.variables === t.code}
                disabled={!(reflections[t.code] ?? '').trim()}
              >
                Complete {t.name}
              </Button>
            </Group>
              </>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** GET /me/credential: "My credential" — the path, what is done, what is next, the evidence. */
export function MyCredentialPage() {
  usePageTitle('My credential');
  const mine = useMyCredential();
  const data = mine.data;
  const candidacy = data?.candidacy ?? null;
  const canApply =
    data && !data.holds_current && (!candidacy || candidacy.status === 'declined' || candidacy.status === 'credentialed');
  return (
    <Stack gap="lg">
      <PageHeader
        title="My credential"
        description="Not everyone is a mentor: the Mentor credential shows you have learned and shown the competencies, observed by credentialed mentors."
      />
      {mine.isPending && <Loading label="Loading…" />}
      {mine.isError && <ErrorAlert error={mine.error} />}
      {data && (
        <>
          {(data.is_reviewer || data.holds_current) && (
            <Group gap="md">
              {data.is_reviewer && (
                <Anchor component={Link} to="/credentials/review">
                  Review candidates
                </Anchor>
              )}
              {data.holds_current && (
                <Anchor component={Link} to="/credentials/sign-off">
                  Sign off candidates
                </Anchor>
              )}
            </Group>
          )}
          {data.credential && (
            <Card withBorder data-testid="my-credential">
              <CredentialLine credential={data.credential} />
            </Card>
          )}
          {candidacy && (
            <Stack gap="sm">
              <Group gap="xs">
                <Text fw={600}>{CANDIDATE_STATUS_WORDS[candidacy.status]}</Text>
                {candidacy.cohort && <Text c="dimmed">· Cohort {candidacy.cohort}</Text>}
              </Group>
              {candidacy.status === 'selected' && <TrainingModules candidate={candidacy} />}
              <CandidatePath candidate={candidacy} maxFileBytes={data.evidence_file_max_bytes} />
            </Stack>
          )}
          {canApply && <ApplyForm />}
        </>
      )}
    </Stack>
  );
}
