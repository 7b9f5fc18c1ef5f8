import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  PasswordInput,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  fetchSsoSettings,
  saveSsoSettings,
  ssoInfoKey,
  ssoSettingsKey,
  type SsoMatchBy,
  type SsoSettings,
} from '../../api/sso';
import { showFieldError } from '../../components/formErrors';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

interface Values {
  enabled: boolean;
  provider_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  match_by: SsoMatchBy;
  claim: string;
  password_sign_in: boolean;
}

const FIELDS = ['provider_name', 'issuer', 'client_id', 'client_secret', 'claim'] as const;

function valuesOf(s: SsoSettings | undefined): Values {
  return {
    enabled: s?.enabled ?? false,
    provider_name: s?.provider_name ?? '',
    issuer: s?.issuer ?? '',
    client_id: s?.client_id ?? '',
    client_secret: '',
    match_by: s?.match_by ?? 'email',
    claim: s?.claim || 'email',
    password_sign_in: s?.password_sign_in ?? true,
  };
}

export function SsoPage() {
  usePageTitle('Single sign-on');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ssoSettingsKey,
    queryFn: ({ signal }) => fetchSsoSettings(signal),
  });
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(undefined),
    validate: {
      provider_name: (v) => (v.trim() === '' ? 'Enter the name people know the provider by' : null),
      issuer: (v) =>
        v.trim().startsWith('https://') ? null : 'Enter the issuer URL, starting with https://',
      client_id: (v) => (v.trim() === '' ? 'Enter the client (application) id' : null),
      claim: (v) => (v.trim() === '' ? 'Enter the claim name' : null),
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (settings.data) {
      setValues(valuesOf(settings.data));
      resetDirty(valuesOf(settings.data));
    }
  }, [settings.data, setValues, resetDirty]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      saveSsoSettings({
        enabled: values.enabled,
        provider_name: values.provider_name.trim(),
        issuer: values.issuer.trim(),
        client_id: values.client_id.trim(),
        ...(values.client_secret ? { client_secret: values.client_secret } : {}),
        match_by: values.match_by,
        claim: values.claim.trim(),
        password_sign_in: values.password_sign_in,
      }),
    onMutate: () => {
      setSaved(false);
      setFormError(null);
    },
    onSuccess: (data) => {
      queryClient.setQueryData(ssoSettingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ssoInfoKey });
      setSaved(true);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field === 'issuer' && error.status === 400) {
        form.setFieldError(
          'issuer',
          'Pairwise could not read this provider’s sign-in settings at this address. Check the issuer URL.',
        );
      } else if (!showFieldError(form, error, FIELDS)) {
        setFormError(errorMessage(error));
      }
    },
  });

  if (settings.isPending) return <Loading label="Loading the single sign-on settings…" />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  const data = settings.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Single sign-on"
        description="Let people sign in with their organization account (OpenID Connect: Microsoft Entra ID, Okta, Google Workspace and others)."
      />
      <Card withBorder padding="md">
        <Stack gap={4}>
          <Text fw={600}>Register Pairwise at your provider first</Text>
          <Text size="sm">
            Create a web application there with this sign-in redirect address, then copy its
            issuer URL, client id and client secret below.
          </Text>
          <Code
            block
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            data-testid="sso-redirect-uri"
          >{data.redirect_uri}</Code>
        </Stack>
      </Card>
      {formError && (
        <Alert color="red" variant="light" role="alert">
          {formError}
        </Alert>
      )}
      {saved && (
        <Alert color="green" variant="light" role="status" data-testid="sso-saved">
          The settings are saved.
        </Alert>
      )}
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md" maw={640}>
          <Switch
            label="People may sign in with the provider"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <TextInput
            label="Provider name"
            description="Shown on the sign-in page as “Sign in with …”"
            placeholder="Contoso"
            {...form.getInputProps('provider_name')}
          />
          <TextInput
            label="Issuer URL"
            placeholder="https://login.microsoftonline.com/<tenant id>/v2.0"
            {...form.getInputProps('issuer')}
          />
          <TextInput label="Client id" {...form.getInputProps('client_id')} />
          <PasswordInput
            label="Client secret"
            description={
              data.client_secret_set
                ? 'A secret is saved and never shown again. Leave this empty to keep it.'
                : 'Not set yet.'
            }
            autoComplete="new-password"
            {...form.getInputProps('client_secret')}
          />
          <Radio.Group
            label="Find the person signing in by their"
            {...form.getInputProps('match_by')}
            onChange={(value) => {
              form.setFieldValue('match_by', value as SsoMatchBy);
              form.setFieldValue('claim', value === 'email' ? 'email' : 'employee_id');
            }}
          >
            <Group mt="xs">
              <Radio value="email" label="Email address" />
              <Radio value="employee_id" label="Employee id" />
            </Group>
          </Radio.Group>
          <TextInput
            label="Claim name"
            description="The ID token claim that holds it (email for most providers)"
            {...form.getInputProps('claim')}
          />
          <Switch
            label="People may also sign in with a password"
            description="When off, only administrators can still use a password (the way back in if the provider fails)."
            {...form.getInputProps('password_sign_in', { type: 'checkbox' })}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
