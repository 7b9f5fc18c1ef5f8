import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router-dom';
import { requestPasswordReset } from '../api/auth';
import { errorMessage } from '../api/client';
import { showFieldError } from '../components/formErrors';
import { usePageTitle } from '../layout/usePageTitle';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (v.trim() === '' ? 'Enter your email address' : null) },
  });

  const onSubmit = form.onSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      if (!showFieldError(form, error, ['email'])) setFormError(errorMessage(error));
    }
  });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Reset your password</Title>
        <Text c="dimmed" mt={4}>
          We will email you a link to set a new password.
        </Text>
      </div>
      {sentTo ? (
        <Alert color="green" variant="light" role="status" data-testid="reset-sent">
          If there is a Pairwise account for {sentTo}, a link to set a new password is on its way
          there. The link works once and expires after a while.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <TextInput
              label="Email address"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        Back to sign-in
      </Anchor>
    </Stack>
  );
}
