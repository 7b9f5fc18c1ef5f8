import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import {
  createApiToken,
  fetchApiTokens,
  revokeApiToken,
  type ApiToken,
  type CreatedApiToken,
  type TokenScope,
} from '../../api/admin';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { showFieldError } from '../../components/formErrors';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { SCOPE_WORDS, wordsFor } from '../../components/words';
import { usePageTitle } from '../../layout/usePageTitle';

const tokensKey = ['api-tokens'] as const;

function NewTokenNotice({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <Alert
      color="green"
      variant="light"
      title={`Token “${token.name}” created`}
      role="status"
      data-testid="new-token"
    >
      <Stack gap="sm">
        <Text size="sm">
          Copy it now and store it where your integration keeps secrets. It is shown only this
          once; Pairwise keeps only a hash of it.
        </Text>
        <Text
          component="code"
          className="pw-mono pw-token-secret"
          p="xs"
          bg="white"
          data-testid="new-token-secret"
          aria-label="The new token"
        >
          {token.token}
        </Text>
        <Group gap="sm">
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button size="sm" onClick={copy} color={copied ? 'green.9' : undefined}>
                {copied ? 'Copied' : 'Copy the token'}
              </Button>
            )}
          </CopyButton>
          <Button size="sm" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (t: CreatedApiToken) => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { name: '', scopes: ['scim'] as string[], expires_in_days: 90 as number | string },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the token after the integration that uses it'),
      scopes: (v) => (v.length ? null : 'Choose at least one scope'),
      expires_in_days: (v) =>
        v === '' || (Number(v) >= 1 && Number.isInteger(Number(v))) ? null : 'A whole number of days, at least 1',
    },
  });
  const onSubmit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const created = await createApiToken({
        name: v.name.trim(),
        scopes: v.scopes as TokenScope[],
        ...(v.expires_in_days === '' ? {} : { expires_in_days: Number(v.expires_in_days) }),
      });
      form.reset();
      onCreated(created);
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    } catch (error) {
      if (!showFieldError(form, error, ['name', 'scopes', 'expires_in_days'])) setFormError(error);
    }
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="create-token-heading">
      <Title order={2} fz="h4" id="create-token-heading" mb="md">
        Create a token
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={480}>
          <TextInput
            label="Name"
            description="E.g. the identity provider or export job that will use it"
            required
            {...form.getInputProps('name')}
          />
          <Checkbox.Group label="Scopes" required {...form.getInputProps('scopes')}>
            <Stack gap="xs" mt="xs">
              <Checkbox value="scim" label="SCIM provisioning" description="/scim/v2: create, update and deactivate people" />
              <Checkbox value="export" label="Export" description="read exports of program data" />
            </Stack>
          </Checkbox.Group>
          <NumberInput
            label="Expires after (days)"
            description="Leave empty for a token that does not expire"
            min={1}
            allowDecimal={false}
            {...form.getInputProps('expires_in_days')}
          />
          {formError !== null && <ErrorAlert error={formError} title="The token was not created" />}
          <div>
            <Button type="submit" loading={form.submitting}>
              Create token
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

const column = createColumnHelper<ApiToken>();

/** Admin: API tokens for integrations (/api-tokens). */
export function TokensPage() {
  usePageTitle('API tokens');
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => fetchApiTokens(signal) });

  const revokeToken = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: async (_, token) => {
      if (created?.id === token.id) setCreated(null);
      await queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const revoke = (token: ApiToken) => {
    if (!window.confirm(`Revoke the token “${token.name}”? Integrations using it stop working.`)) return;
    revokeToken.mutate(token);
  };
  const revoking = revokeToken.isPending ? (revokeToken.variables?.id ?? null) : null;

  const columns = [
    column.accessor('name', { header: 'Name', cell: (c) => <Text fw={600} size="sm">{c.getValue()}</Text> }),
    column.accessor('scopes', {
      header: 'Scopes',
      cell: (c) => (
        <Group gap={4}>
          {c.getValue().map((s) => (
            <Badge key={s} variant="light" tt="none">
              {wordsFor(SCOPE_WORDS, s)}
            </Badge>
          ))}
        </Group>
      ),
    }),
    column.accessor('created_at', { header: 'Created', cell: (c) => formatDateTime(c.getValue()) }),
    column.accessor('expires_at', {
      header: 'Expires',
      cell: (c) => (c.getValue() ? formatDateTime(c.getValue()) : 'Never'),
    }),
    column.accessor('last_used_at', { header: 'Last used', cell: (c) => formatDateTime(c.getValue()) }),
    column.display({
      id: 'state',
      header: 'State',
      cell: (c) =>
        c.row.original.revoked_at ? (
          <Badge color="gray" variant="light">
            revoked
          </Badge>
        ) : (
          <Button
            size="xs"
            color="red.9"
            variant="outline"
            loading={revoking === c.row.original.id}
            onClick={() => revoke(c.row.original)}
            aria-label={`Revoke ${c.row.original.name}`}
          >
            Revoke
          </Button>
        ),
    }),
  ];

  return (
    <Stack gap="lg">
      <PageHeader
        title="API tokens"
        description="Tokens let integrations (an identity provider over SCIM, exports) call Pairwise without a person signing in."
      />
      {created && <NewTokenNotice token={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm onCreated={setCreated} />
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="tokens-heading">
        <Title order={2} fz="h4" id="tokens-heading" mb="md">
          Tokens
        </Title>
        {revokeToken.isError && <ErrorAlert error={revokeToken.error} title="The token was not revoked" />}
        {tokens.isPending ? (
          <Loading label="Loading tokens…" />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} title="Could not load the tokens" />
        ) : (
          <DataTable
            data={tokens.data.items}
            columns={columns}
            caption="API tokens"
            getRowId={(t) => String(t.id)}
            emptyText="No API tokens yet."
            testId="tokens-table"
          />
        )}
      </Card>
    </Stack>
  );
}
