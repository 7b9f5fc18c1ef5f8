import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Divider,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { sessionQueryKey, signIn, useSession } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { fetchSsoInfo, SSO_START_URL, ssoErrorText, ssoInfoKey } from '../api/sso';
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
  const sso = useQuery({ queryKey: ssoInfoKey, queryFn: ({ signal }) => fetchSsoInfo(signal) });
  const ssoOn = sso.data?.enabled === true;
  const providerName = sso.data?.provider_name ?? '';
  const ssoError = params.get('sso_error');
  // Break-glass: with passwords turned off for everyone else, admins still reach the form here.
  const adminPassword = params.get('password') === 'admin';
  const showPasswordForm = !ssoOn || sso.data?.password_sign_in !== false || adminPassword;
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
      } else if (error instanceof ApiError && error.code === 'password_sign_in_disabled') {
        setFormError(
          `Passwords are turned off here. Sign in with ${providerName || 'your organization account'} instead.`,
        );
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
          {ssoOn
            ? `Sign in to Pairwise with your ${providerName} account.`
            : 'Sign in to Pairwise with your work email address.'}
        </Text>
      </div>
      {ssoError && (
        <Alert color="red" variant="light" role="alert" data-testid="sso-error">
          {ssoErrorText(ssoError, providerName)}
        </Alert>
      )}
      {formError && (
        <Alert color="red" variant="light" role="alert" data-testid="sign-in-error">
          {formError}
        </Alert>
      )}
      {ssoOn && (
        <Button component="a" href={SSO_START_URL} size="md" fullWidth data-testid="sso-sign-in">
          Sign in with {providerName}
        </Button>
      )}
      {ssoOn && showPasswordForm && <Divider label="or with a password" labelPosition="center" />}
      {showPasswordForm && (
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
            <Button type="submit" loading={form.submitting} fullWidth variant={ssoOn ? 'default' : 'filled'}>
              Sign in
            </Button>
          </Stack>
        </form>
      )}
      {showPasswordForm ? (
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot your password?
        </Anchor>
      ) : (
        <Anchor component={Link} to="/sign-in?password=admin" size="sm" c="dimmed">
          Administrators: sign in with a password
        </Anchor>
      )}
    </Stack>
  );
}
