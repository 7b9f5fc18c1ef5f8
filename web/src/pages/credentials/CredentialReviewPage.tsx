import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import {
  credentialKeys,
  decideCandidate,
  issueCredential,
  nextStepWords,
  useCandidate,
  useCandidateBoard,
  type Candidate,
} from '../../api/credentials';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { CandidatePath } from './MyCredentialPage';

function Decision({ candidate }: { candidate: Candidate }) {
  const queryClient = useQueryClient();
  const [cohort, setCohort] = useState('');
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (accept: boolean) => decideCandidate(candidate.id, accept ? 'accept' : 'decline', cohort, reason),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Cohort" aria-label={`Cohort for ${candidate.name}`} value={cohort} onChange={(e) => setCohort(e.currentTarget.value)} />
        <Button size="sm" disabled={!cohort.trim()} loading={decide.isPending && decide.variables} onClick={() => decide.mutate(true)}>
          Accept {candidate.name}
        </Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Reason to decline" aria-label={`Reason to decline ${candidate.name}`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Button size="sm" variant="default" disabled={!reason.trim()} loading={decide.isPending && !decide.variables} onClick={() => decide.mutate(false)}>
          Decline
        </Button>
      </Group>
      {decide.isError && (
        <Alert color="red" role="alert">
          {errorMessage(decide.error)}
        </Alert>
      )}
    </Stack>
  );
}

function Issue({ candidate }: { candidate: Candidate }) {
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: () => issueCredential(candidate.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  return (
    <Stack gap="xs">
      <Group>
        <Button size="sm" onClick={() => issue.mutate()} loading={issue.isPending}>
          Issue the credential to {candidate.name}
        </Button>
      </Group>
      {issue.isError && (
        <Alert color="red" role="alert">
          {errorMessage(issue.error)}
        </Alert>
      )}
    </Stack>
  );
}

/** The candidacy with its evidence (texts and files), loaded when a reviewer opens it. */
function CandidateEvidence({ id }: { id: number }) {
  const candidate = useCandidate(id);
  if (candidate.isPending) return <Loading label="Loading the evidence…" />;
  if (candidate.isError) return <ErrorAlert error={candidate.error} />;
  const c = candidate.data;
  return (
    <Stack gap="xs" data-testid="candidate-evidence">
      {c.motivation && (
        <Text size="sm">
          <Text span fw={600}>
            Motivation:{' '}
          </Text>
          {c.motivation}
        </Text>
      )}
      <CandidatePath candidate={c} />
    </Stack>
  );
}

function CandidateCard({ candidate }: { candidate: Candidate }) {
  const done = candidate.progress.done.filter(Boolean).length;
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder data-testid="board-candidate">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={700}>{candidate.name}</Text>
            <Text size="sm" c="dimmed">
              {candidate.job_title}
            </Text>
          </div>
          {candidate.stuck && (
            <Badge color="orange" variant="light">
              No progress for {candidate.days_since_activity} days
            </Badge>
          )}
        </Group>
        <Text size="sm" data-testid="board-next">
          {nextStepWords(candidate)} · {done} of 7 steps done · applied {formatDate(candidate.applied_at)}
        </Text>
        {candidate.status === 'applied' && <Decision candidate={candidate} />}
        {candidate.status === 'selected' && candidate.progress.next_step === 7 && <Issue candidate={candidate} />}
        <Group>
          <Button size="xs" variant="subtle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? `Hide ${candidate.name}'s evidence` : `Show ${candidate.name}'s evidence`}
          </Button>
        </Group>
        {open && <CandidateEvidence id={candidate.id} />}
      </Stack>
    </Card>
  );
}

/** GET /credentials/candidates: the reviewers' cohort board — who is where, who is stuck. */
export function CredentialReviewPage() {
  usePageTitle('Credential reviews');
  const board = useCandidateBoard();
  const items = board.data?.items ?? [];
  const groups: { title: string; items: Candidate[] }[] = [
    { title: 'Applications to assess', items: items.filter((c) => c.status === 'applied') },
    { title: 'Credentials to issue', items: items.filter((c) => c.status === 'selected' && c.progress.next_step === 7) },
    { title: 'On the path', items: items.filter((c) => c.status === 'selected' && c.progress.next_step !== 7) },
    { title: 'Credentialed', items: items.filter((c) => c.status === 'credentialed') },
    { title: 'Not selected', items: items.filter((c) => c.status === 'declined') },
  ];
  return (
    <Stack gap="lg">
      <PageHeader title="Credential reviews" description="Select candidates into a cohort, follow them along the seven steps, and issue the credential when every competency has been shown." />
      {board.isPending && <Loading label="Loading…" />}
      {board.isError && <ErrorAlert error={board.error} />}
      {board.data &&
        groups.map((g) => (
          <Stack gap="sm" key={g.title}>
            <Title order={2} size="h3">
              {g.title} ({g.items.length})
            </Title>
            {g.items.length === 0 ? (
              <Text c="dimmed">Nobody here.</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {g.items.map((c) => (
                  <CandidateCard key={c.id} candidate={c} />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        ))}
    </Stack>
  );
}
