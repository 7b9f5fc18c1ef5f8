import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { fetchRedeemInfo, redeem, sessionQueryKey } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { ErrorAlert, Loading } from '../components/PageState';
import { showFieldError } from '../components/formErrors';
import { HOME_PATH } from '../features';
import { usePageTitle } from '../layout/usePageTitle';

const MIN_PASSWORD = 12;

/** Sets a password from an invitation or a password reset link (/redeem/:token). */
export function RedeemPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: ['redeem', token],
    queryFn: ({ signal }) => fetchRedeemInfo(token, signal),
    retry: false,
    staleTime: Infinity,
  });
  const invitation = info.data?.purpose === 'invitation';
  usePageTitle(invitation ? 'Accept your invitation' : 'Set a new password');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) =>
        v.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters` : null,
      confirm: (v, values) => (v !== values.password ? 'The two passwords differ' : null),
    },
  });

  const onSubmit = form.onSubmit(async ({ password }) => {
    setFormError(null);
    try {
      const session = await redeem(token, password);
      queryClient.setQueryData(sessionQueryKey, session);
      navigate(HOME_PATH, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.field === 'new_password') {
        form.setFieldError('password', error.message);
      } else if (!showFieldError(form, error, ['password'])) {
        setFormError(errorMessage(error));
      }
    }
  });

  if (info.isPending) return <Loading label="Checking your link…" />;
  if (info.isError) {
    const gone = info.error instanceof ApiError && info.error.status === 404;
    return (
      <Stack gap="lg">
        <Title order={1}>This link does not work</Title>
        {gone ? (
          <Text>
            The link has been used already, has expired, or was copied incompletely. Ask for a new
            one below, or ask your administrator for a new invitation.
          </Text>
        ) : (
          <ErrorAlert error={info.error} title="Could not check the link" />
        )}
        <Anchor component={Link} to="/forgot-password">
          Ask for a new password link
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{invitation ? 'Accept your invitation' : 'Set a new password'}</Title>
        <Text c="dimmed" mt={4}>
          {invitation
            ? `Choose a password for ${info.data.email} to start using Pairwise.`
            : `Choose a new password for ${info.data.email}.`}
        </Text>
      </div>
      {formError && (
        <Alert color="red" variant="light" role="alert">
          {formError}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            {invitation ? 'Set password and sign in' : 'Save the new password'}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
