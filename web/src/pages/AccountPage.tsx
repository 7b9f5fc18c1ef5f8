import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { changePassword, useSession } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { fetchMyReminders, setMyReminders } from '../api/relationshipHealth';
import { showFieldError } from '../components/formErrors';
import { PageHeader } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

function PasswordForm() {
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { current_password: '', new_password: '' },
    validate: {
      current_password: (v) => (v ? null : 'Enter your current password'),
      new_password: (v) => (v.length >= 12 ? null : 'Use at least 12 characters'),
    },
  });
  const onSubmit = form.onSubmit(async (v) => {
    setFormError(null);
    setDone(false);
    try {
      await changePassword(v.current_password, v.new_password);
      form.reset();
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError('current_password', 'This is not your current password.');
      } else if (!showFieldError(form, error, ['current_password', 'new_password'])) {
        setFormError(errorMessage(error));
      }
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="password-heading">
      <Card withBorder radius="md" padding="lg">
        <Title order={2} fz="h4" id="password-heading" mb="xs">
          Password
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Changing it signs you out everywhere else.
        </Text>
        <Stack gap="md" maw={420}>
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            {...form.getInputProps('current_password')}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            {...form.getInputProps('new_password')}
          />
          <Group gap="md">
            <Button type="submit" variant="default" loading={form.submitting}>
              Change password
            </Button>
            <Text role="status" size="sm" c="green.9" fw={500}>
              {done ? 'Your password is changed.' : ''}
            </Text>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

/** The signed-in user's account: who they are signed in as, their roles, and the password. */
export function AccountPage() {
  usePageTitle('My account');
  const { data: session } = useSession();
  const account = session?.account;
  return (
    <Stack gap="lg">
      <PageHeader title="My account" description="How you sign in to Pairwise." />
      {account && (
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="account-heading">
          <Title order={2} fz="h4" id="account-heading" mb="md">
            Signed in as
          </Title>
          <dl className="pw-facts" data-testid="account-facts">
            <dt>Name</dt>
            <dd>{account.name}</dd>
            <dt>Email</dt>
            <dd>{account.email}</dd>
            <dt>Employee id</dt>
            <dd>{account.employee_id}</dd>
            <dt>Roles</dt>
            <dd>
              <Group gap={4}>
                {account.roles.length === 0 ? (
                  <Text span>Participant</Text>
                ) : (
                  account.roles.map((r) => (
                    <Badge key={r} variant="light" tt="none">
                      {r}
                    </Badge>
                  ))
                )}
                {account.is_manager && (
                  <Badge variant="light" color="gray" tt="none">
                    manager
                  </Badge>
                )}
              </Group>
            </dd>
          </dl>
        </Card>
      )}
      <RemindersCard />
      <PasswordForm />
    </Stack>
  );
}

/** Turning off non-essential reminders: a coordinator's own nudges still arrive. */
function RemindersCard() {
  const queryClient = useQueryClient();
  const reminders = useQuery({ queryKey: ['my-reminders'], queryFn: ({ signal }) => fetchMyReminders(signal) });
  const save = useMutation({
    mutationFn: setMyReminders,
    onSuccess: (data) => queryClient.setQueryData(['my-reminders'], data),
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="reminders-heading">
      <Title order={2} fz="h4" id="reminders-heading" mb="md">
        Reminders
      </Title>
      <Switch
        label="Send me reminders about my mentoring (quiet pairs, tomorrow’s meetings)"
        description="Messages your program’s coordinator writes to you themselves always arrive."
        checked={reminders.data ? !reminders.data.non_essential_off : true}
        disabled={!reminders.data || save.isPending}
        onChange={(e) => save.mutate(!e.currentTarget.checked)}
      />
      {save.isError && (
        <Alert color="red" mt="md" title="Could not save">
          {errorMessage(save.error)}
        </Alert>
      )}
    </Card>
  );
}
