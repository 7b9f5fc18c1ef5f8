import { ActionIcon, Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import {
  appointReviewer,
  CREDENTIAL_STATUS_WORDS,
  credentialKeys,
  grantFoundingCredential,
  removeReviewer,
  revokeCredential,
  saveFramework,
  useCredentials,
  useFramework,
  useReviewers,
  type Competency,
  type Framework,
  type RubricLevel,
  type TrainingTopic,
} from '../../api/credentials';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { PersonPicker } from '../../components/PersonPicker';
import { usePageTitle } from '../../layout/usePageTitle';
import { TrainingModulesEditor, whereWords } from './TrainingModulesEditor';

function Failure({ error }: { error: unknown }) {
  return error ? (
    <Alert color="red" role="alert">
      {error instanceof ApiError ? whereWords(error.field) : ''}
      {errorMessage(error)}
    </Alert>
  ) : null;
}

function Reviewers() {
  const queryClient = useQueryClient();
  const reviewers = useReviewers();
  const [person, setPerson] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: credentialKeys.all });
  const appoint = useMutation({ mutationFn: () => appointReviewer(person[0] ?? ''), onSuccess: () => { setPerson([]); return refresh(); } });
  const remove = useMutation({ mutationFn: removeReviewer, onSuccess: refresh });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Credential reviewers
        </Title>
        <Text size="sm" c="dimmed">
          Reviewers select candidates into a cohort and issue credentials.
        </Text>
        {reviewers.isError && <ErrorAlert error={reviewers.error} />}
        {reviewers.data?.items.length === 0 && <Text c="dimmed">No reviewer yet.</Text>}
        {reviewers.data?.items.map((r) => (
          <Group key={r.employee_id} justify="space-between" data-testid="reviewer">
            <Text>
              {r.name} <Text span c="dimmed" size="sm">since {formatDate(r.appointed_at)}</Text>
            </Text>
            <Button size="xs" variant="default" onClick={() => remove.mutate(r.employee_id)}>
              Remove {r.name}
            </Button>
          </Group>
        ))}
        <Group align="flex-end" wrap="wrap">
          <PersonPicker label="New reviewer" max={1} value={person} onChange={(ids) => setPerson(ids.slice(-1))} />
          <Button disabled={person.length === 0} loading={appoint.isPending} onClick={() => appoint.mutate()}>
            Appoint reviewer
          </Button>
        </Group>
        <Failure error={appoint.error ?? remove.error} />
      </Stack>
    </Card>
  );
}

function Credentials() {
  const queryClient = useQueryClient();
  const credentials = useCredentials();
  const [person, setPerson] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [revokeReason, setRevokeReason] = useState<Record<number, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: credentialKeys.all });
  const grant = useMutation({
    mutationFn: () => grantFoundingCredential(person[0] ?? '', reason),
    onSuccess: () => {
      setPerson([]);
      setReason('');
      return refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: number) => revokeCredential(id, revokeReason[id] ?? ''), onSuccess: refresh });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Credentials
        </Title>
        <Text size="sm" c="dimmed">
          Someone must hold the credential before anyone can sign off observed steps: grant founding credentials to your accomplished mentors.
        </Text>
        <Group align="flex-end" wrap="wrap">
          <PersonPicker label="Founding mentor" max={1} value={person} onChange={(ids) => setPerson(ids.slice(-1))} />
          <TextInput label="Why" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Button disabled={person.length === 0 || !reason.trim()} loading={grant.isPending} onClick={() => grant.mutate()}>
            Grant founding credential
          </Button>
        </Group>
        <Failure error={grant.error ?? revoke.error} />
        {credentials.isError && <ErrorAlert error={credentials.error} />}
        {credentials.data && (
          <Table.ScrollContainer minWidth={600}>
            <Table data-testid="credentials-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Holder</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Issued</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Revoke</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {credentials.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {c.holder.name}
                      {c.founding ? ' (founding)' : ''}
                    </Table.Td>
                    <Table.Td>{CREDENTIAL_STATUS_WORDS[c.status]}</Table.Td>
                    <Table.Td>{formatDate(c.issued_at)}</Table.Td>
                    <Table.Td>{formatDate(c.expires_at)}</Table.Td>
                    <Table.Td>
                      {c.status === 'revoked' ? (
                        <Text size="sm">{c.revoke_reason}</Text>
                      ) : (
                        <Group gap="xs" wrap="nowrap">
                          <TextInput
                            size="xs"
                            aria-label={`Reason to revoke ${c.holder.name}'s credential`}
                            placeholder="Reason"
                            value={revokeReason[c.id] ?? ''}
                            onChange={(e) => {
                              const value = e.currentTarget.value;
                              setRevokeReason((r) => ({ ...r, [c.id]: value }));
                            }}
                          />
                          <Button size="xs" variant="default" disabled={!(revokeReason[c.id] ?? '').trim()} onClick={() => revoke.mutate(c.id)}>
                            Revoke
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function FrameworkEditor({ framework }: { framework: Framework }) {
  const queryClient = useQueryClient();
  const [competencies, setCompetencies] = useState<Competency[]>(framework.competencies);
  const [levels, setLevels] = useState<RubricLevel[]>(framework.levels);
  const [validity, setValidity] = useState<number>(framework.validity_months);
  const [passing, setPassing] = useState<number>(framework.passing_score);
  const [topics, setTopics] = useState<TrainingTopic[]>(framework.topics);
  useEffect(() => {
    setTopics(framework.topics);
    setCompetencies(framework.competencies);
    setLevels(framework.levels);
    setValidity(framework.validity_months);
    setPassing(framework.passing_score);
  }, [framework]);
  const save = useMutation({
    mutationFn: () =>
      saveFramework({
        version: framework.version,
        steps: framework.steps.map((s) => ({ name: s.name, description: s.description })),
        topics,
        competencies,
        levels,
        passing_score: passing,
        validity_months: validity,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  const setCompetency = (i: number, change: Partial<Competency>) =>
    setCompetencies((list) => list.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const setLevel = (i: number, change: Partial<RubricLevel>) => setLevels((list) => list.map((l, j) => (j === i ? { ...l, ...change } : l)));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Competency framework (version {framework.version})
        </Title>
        <Text size="sm" c="dimmed">
          Saving makes a new version. Candidates keep the version they applied under, so earlier evidence reads against the competencies it was scored on.
        </Text>
        <Title order={3} size="h4">
          Competencies
        </Title>
        {competencies.map((c, i) => (
          <Group key={i} align="flex-end" wrap="wrap" data-testid="competency-row">
            <TextInput label="Name" value={c.name} onChange={(e) => setCompetency(i, { name: e.currentTarget.value })} />
            <Textarea label="What to watch for" autosize value={c.description} onChange={(e) => setCompetency(i, { description: e.currentTarget.value })} style={{ flex: 1, minWidth: 240 }} />
            <ActionIcon variant="default" aria-label={`Remove ${c.name || 'this competency'}`} onClick={() => setCompetencies((list) => list.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => setCompetencies((list) => [...list, { code: `competency_${Date.now() % 100000}`, name: '', description: '' }])}
          >
            Add a competency
          </Button>
        </Group>
        <Title order={3} size="h4">
          Rubric levels
        </Title>
        {levels.map((l, i) => (
          <Group key={i} align="flex-end" wrap="wrap">
            <NumberInput label="Score" value={l.score} onChange={(v) => setLevel(i, { score: Number(v) || 0 })} w={90} />
            <TextInput label="Level" value={l.name} onChange={(e) => setLevel(i, { name: e.currentTarget.value })} />
            <TextInput label="Meaning" value={l.description} onChange={(e) => setLevel(i, { description: e.currentTarget.value })} style={{ flex: 1, minWidth: 200 }} />
          </Group>
        ))}
        <Group align="flex-end" wrap="wrap">
          <NumberInput label="Passing score at the observed session" value={passing} onChange={(v) => setPassing(Number(v) || 0)} w={260} />
          <NumberInput label="Valid for (months)" min={1} max={120} value={validity} onChange={(v) => setValidity(Number(v) || 0)} w={180} />
        </Group>
        <TrainingModulesEditor topics={topics} onChange={setTopics} />
        <Failure error={save.error} />
        {save.isSuccess && (
          <Text role="status" size="sm">
            Saved as version {save.data.version}.
          </Text>
        )}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save as a new version
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Admins: credential reviewers, founding credentials and revocation, the competency framework. */
export function CredentialsAdminPage() {
  usePageTitle('Mentor credentials');
  const framework = useFramework();
  return (
    <Stack gap="lg">
      <PageHeader title="Mentor credentials" description="Who reviews candidates, who holds the credential, and the competencies it stands for." />
      <Reviewers />
      <Credentials />
      {framework.isPending && <Loading label="Loading…" />}
      {framework.isError && <ErrorAlert error={framework.error} />}
      {framework.data && <FrameworkEditor framework={framework.data} />}
    </Stack>
  );
}
