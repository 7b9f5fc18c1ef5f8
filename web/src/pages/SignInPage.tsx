import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { sessionQueryKey, signIn, useSession } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { showFieldError } from '../components/formErrors';
import { HOME_PATH } from '../features';
import { usePageTitle } from '../layout/usePageTitle';

/** Where to go after signing in: the page the user came from, if it is one of ours. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : HOME_PATH;
}

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() === '' ? 'Enter your email address' : null),
      password: (v) => (v === '' ? 'Enter your password' : null),
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const signedIn = await signIn(values.email.trim(), values.password);
      queryClient.setQueryData(sessionQueryKey, signedIn);
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        setFormError('The email address or password is not right. Check them and try again.');
      } else if (!showFieldError(form, error, ['email', 'password'])) {
        setFormError(errorMessage(error));
      }
    }
  });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Sign in</Title>
        <Text c="dimmed" mt={4}>
          Sign in to Pairwise with your work email address.
        </Text>
      </div>
      {formError && (
        <Alert color="red" variant="light" role="alert" data-testid="sign-in-error">
          {formError}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email address"
            type="email"
            autoComplete="username"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" size="sm">
        Forgot your password?
      </Anchor>
    </Stack>
  );
}
