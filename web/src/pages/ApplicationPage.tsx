import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../api/auth';
import { decide, useApplication, withdraw, type AnswerValue, type Question } from '../api/applications';
import { errorMessage } from '../api/client';
import { skillName, usePerson, useSkills } from '../api/people';
import { formatDateTime } from '../components/format';
import { ErrorAlert, Loading, PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

export function ApplicationStatusBadge({ status }: { status: string }) {
  const color = { submitted: 'blue', approved: 'green', declined: 'red', withdrawn: 'gray' }[status] ?? 'gray';
  return (
    <Badge variant="light" color={color}>
      {status}
    </Badge>
  );
}

/** A ranked mentor by name, linked to their directory page. */
function RankedMentor({ employeeId }: { employeeId: string }) {
  const person = usePerson(employeeId);
  if (person.isError) return <>Someone no longer in the directory</>;
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(employeeId)}`}>
      {person.data?.person.name ?? '…'}
    </Anchor>
  );
}

function AnswerText({ question, value }: { question: Question; value: AnswerValue | undefined }) {
  const skills = useSkills();
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Text c="dimmed">No answer</Text>;
  }
  if (question.type === 'skills' && Array.isArray(value)) {
    return <Text>{value.map((c) => skillName(skills.data, c)).join(', ')}</Text>;
  }
  if (question.type === 'ranked_mentors' && Array.isArray(value)) {
    return (
      <List type="ordered" size="sm">
        {value.map((id) => (
          <List.Item key={id}>
            <RankedMentor employeeId={id} />
          </List.Item>
        ))}
      </List>
    );
  }
  return <Text style={{ whiteSpace: 'pre-wrap' }}>{Array.isArray(value) ? value.join(', ') : String(value)}</Text>;
}

/** The coordinator's decision on one application waiting for review, with a message to the applicant. */
function Decision({ applicationId, programId, name }: { applicationId: number; programId: number; name: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const decision = useMutation({
    mutationFn: (choice: 'approve' | 'decline') => decide(programId, [applicationId], choice, message),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['application', applicationId] });
      await queryClient.invalidateQueries({ queryKey: ['review', programId] });
    },
  });
  return (
    <Card withBorder component="section" aria-label="Decision">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Decision
        </Title>
        <Textarea
          label={`Message to ${name} (optional)`}
          description="Sent with the decision."
          autosize
          minRows={2}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        {decision.isError && (
          <Alert color="red" role="alert">
            {errorMessage(decision.error)}
          </Alert>
        )}
        <Group>
          <Button loading={decision.isPending && decision.variables === 'approve'} disabled={decision.isPending} onClick={() => decision.mutate('approve')}>
            Approve
          </Button>
          <Button
            variant="default"
            loading={decision.isPending && decision.variables === 'decline'}
            disabled={decision.isPending}
            onClick={() => decision.mutate('decline')}
          >
            Decline
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** GET /applications/{id}: the answers (the applicant and the program's coordinators). */
export function ApplicationPage() {
  const { applicationId } = useParams();
  const id = Number(applicationId);
  const application = useApplication(id);
  const session = useSession();
  const queryClient = useQueryClient();
  const withdrawIt = useMutation({
    mutationFn: () => withdraw(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['application', id] }),
  });
  usePageTitle('Application');
  if (application.isPending) return <Loading label="Loading the application…" />;
  if (application.isError) return <ErrorAlert error={application.error} />;
  const a = application.data;
  const mine = session.data?.account.employee_id === a.applicant.employee_id;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/programs/${a.program_id}`}>
        ← {a.program_name}
      </Anchor>
      <PageHeader
        title={mine ? `Your application as a ${a.side}` : `${a.applicant.name}, as a ${a.side}`}
        description={`${a.program_name} · sent ${formatDateTime(a.submitted_at)}`}
      >
        {mine && (
          <Group>
            {a.status === 'submitted' && (
              <Button variant="default" component={Link} to={`/applications/${a.id}/edit`}>
                Edit answers
              </Button>
            )}
            {(a.status === 'submitted' || a.status === 'approved') && (
              <Button
                variant="default"
                color="red"
                onClick={() => withdrawIt.mutate()}
                loading={withdrawIt.isPending}
              >
                Withdraw
              </Button>
            )}
          </Group>
        )}
      </PageHeader>
      <Group gap="xs">
        <ApplicationStatusBadge status={a.status} />
        {a.nominated && <Badge variant="light">nominated</Badge>}
        {a.manager_approval !== 'not_needed' && (
          <Badge variant="light" color="grape">
            manager: {a.manager_approval}
          </Badge>
        )}
      </Group>
      {withdrawIt.isError && (
        <Alert color="red" role="alert">
          {errorMessage(withdrawIt.error)}
        </Alert>
      )}
      {a.decision_message && (
        <Alert color="blue" title="From the coordinator">
          {a.decision_message}
        </Alert>
      )}
      <Card withBorder>
        <Stack gap="md">
          <Title order={2} size="h3">
            Answers
          </Title>
          {a.questions.length === 0 && <Text c="dimmed">No questions were asked.</Text>}
          {a.questions.map((q) => (
            <div key={q.id}>
              <Text fw={700}>{q.label}</Text>
              <AnswerText question={q} value={a.answers[q.id]} />
            </div>
          ))}
          <Text size="sm" c="dimmed">
            Form version {a.form_version}. Only {mine ? 'you' : 'the applicant'} and the program's coordinators see these
            answers.
          </Text>
        </Stack>
      </Card>
      {!mine && a.status === 'submitted' && <Decision applicationId={a.id} programId={a.program_id} name={a.applicant.name} />}
    </Stack>
  );
}
