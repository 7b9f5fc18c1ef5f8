import { Alert, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { credentialKeys, signOffStep, useCandidatesToSign, type Candidate } from '../../api/credentials';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

/** The sign-off form for the candidate's next step (4, 5 or 6), with the rubric at step 6. */
function SignOffForm({ candidate }: { candidate: Candidate }) {
  const queryClient = useQueryClient();
  const stepNumber = candidate.progress.next_step;
  const step = candidate.framework.steps[stepNumber - 1] ?? { number: stepNumber, name: '', description: '' };
  const rubricRequired = step.number === 6;
  const [evidence, setEvidence] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const sign = useMutation({
    mutationFn: () =>
      signOffStep(
        candidate.id,
        step.number,
        evidence,
        Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  const levels = candidate.framework.levels.map((l) => ({ value: String(l.score), label: l.name }));
  const complete =
    evidence.trim() !== '' && (!rubricRequired || candidate.framework.competencies.every((c) => (scores[c.code] ?? '') !== ''));
  return (
    <Card withBorder data-testid="sign-off-card">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3">
            {candidate.name}
          </Title>
          <Text size="sm" c="dimmed">
            {candidate.job_title}
            {candidate.cohort ? ` · Cohort ${candidate.cohort}` : ''}
          </Text>
        </div>
        <Text fw={600}>
          Step {step.number}: {step.name}
        </Text>
        <Text size="sm">{step.description}</Text>
        <Textarea
          label="What you saw"
          aria-label={`What you saw of ${candidate.name}`}
          description="Your evidence: what happened, what the candidate did well, what to work on."
          required
          autosize
          minRows={3}
          value={evidence}
          onChange={(e) => setEvidence(e.currentTarget.value)}
        />
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Rubric{rubricRequired ? ' (score every competency)' : ' (optional)'}
          </Text>
          {candidate.framework.competencies.map((c) => (
            <Select
              key={c.code}
              label={c.name}
              description={c.description}
              data={levels}
              value={scores[c.code] ?? null}
              onChange={(v) => setScores((s) => ({ ...s, [c.code]: v ?? '' }))}
              clearable={!rubricRequired}
              allowDeselect={!rubricRequired}
            />
          ))}
        </Stack>
        {sign.isError && (
          <Alert color="red" role="alert">
            {errorMessage(sign.error)}
          </Alert>
        )}
        <Group>
          <Button onClick={() => sign.mutate()} loading={sign.isPending} disabled={!complete}>
            Sign off step {step.number}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** GET /credentials/to-sign: a credentialed mentor's candidates to observe, co-mentor or score. */
export function SignOffPage() {
  usePageTitle('Sign off candidates');
  const toSign = useCandidatesToSign();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Sign off candidates"
        description="As a credentialed mentor you sign off the observed steps: a session the candidate watched, one you led together, and one they led while you scored the rubric. You never sign for yourself or for people you manage."
      />
      {toSign.isPending && <Loading label="Loading…" />}
      {toSign.isError && <ErrorAlert error={toSign.error} />}
      {toSign.data && toSign.data.items.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">No candidate is waiting for you to sign off a step.</Text>
        </Card>
      )}
      {toSign.data?.items.map((c) => (
        <SignOffForm key={`${c.id}-${c.progress.next_step}`} candidate={c} />
      ))}
    </Stack>
  );
}
