import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { fetchPeople } from '../../api/people';
import { feedbackKeys, introduce, useIntroductions, type RelationshipDetail } from '../../api/relationships';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

/** The mentor introduces the mentee to someone in their network: a name and a short why. */
function IntroduceForm({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [person, setPerson] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const people = useQuery({
    queryKey: ['people', 'introduce', search],
    queryFn: ({ signal }) => fetchPeople({ q: search }, undefined, signal),
    enabled: search.trim().length >= 2,
  });
  const options = (people.data?.items ?? [])
    .filter((p) => p.employee_id !== r.mentor.employee_id && p.employee_id !== r.mentee.employee_id)
    .map((p) => ({ value: p.employee_id, label: `${p.name}, ${p.job_title}` }));
  const add = useMutation({
    mutationFn: () => introduce(r.id, person as string, why),
    onSuccess: () => {
      setPerson(null);
      setWhy('');
      setSearch('');
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.introductions(r.id) });
    },
  });
  const fieldError = (name: string) =>
    add.error instanceof ApiError && add.error.field === name ? add.error.message : undefined;
  return (
    <Card withBorder data-testid="introduce-form">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Introduce {r.mentee.name} to someone
        </Title>
        <Select
          label="Who?"
          placeholder="Type at least two letters of a name"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          data={options}
          value={person}
          onChange={setPerson}
          nothingFoundMessage={search.trim().length >= 2 ? 'Nobody by that name' : undefined}
          error={fieldError('employee_id')}
        />
        <Textarea
          label="Why should they meet?"
          value={why}
          onChange={(e) => setWhy(e.currentTarget.value)}
          maxLength={500}
          autosize
          error={fieldError('why')}
        />
        {add.isError && !fieldError('employee_id') && !fieldError('why') && (
          <Alert color="red" role="alert">
            {errorMessage(add.error)}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          All three of you get a mail with the reason.
        </Text>
        <Group justify="flex-end">
          <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!person || !why.trim()}>
            Send the introduction
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Introductions: the people the mentor connected the mentee with. */
export function IntroductionsTab({ r }: { r: RelationshipDetail }) {
  const intros = useIntroductions(r.id);
  if (intros.isPending) return <Loading label="Loading introductions…" />;
  if (intros.isError) return <ErrorAlert error={intros.error} />;
  if (!intros.data.items) {
    return (
      <Card withBorder>
        <Text size="sm">
          {intros.data.count} introduction{intros.data.count === 1 ? '' : 's'} so far.
        </Text>
      </Card>
    );
  }
  return (
    <Stack gap="md">
      {r.relations.mentor && r.status === 'active' && <IntroduceForm r={r} />}
      {intros.data.items.length === 0 && (
        <Text size="sm">
          {r.relations.mentor
            ? `No introductions yet. Who in your network should ${r.mentee.name} meet?`
            : `No introductions yet. ${r.mentor.name} can introduce you to people in their network.`}
        </Text>
      )}
      {intros.data.items.map((i) => (
        <Card withBorder key={i.id} data-testid="introduction">
          <Text size="sm" fw={600}>
            <Anchor component={Link} to={`/people/${encodeURIComponent(i.person.employee_id)}`} inherit>
              {i.person.name}
            </Anchor>
            {i.job_title ? `, ${i.job_title}` : ''}
          </Text>
          <Text size="sm">{i.why}</Text>
          <Text size="xs" c="dimmed">
            Introduced on {formatDate(i.created_at)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
