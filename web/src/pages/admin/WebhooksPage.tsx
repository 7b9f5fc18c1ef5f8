import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createWebhook,
  deleteWebhook,
  fetchDeliveries,
  fetchWebhooks,
  sendTestEvent,
  updateWebhook,
  type CreatedWebhook,
  type Webhook,
  type WebhookEventKind,
} from '../../api/webhooks';
import { formatDateTime } from '../../components/format';
import { showFieldError } from '../../components/formErrors';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const webhooksKey = ['webhooks'] as const;

const STATUS_WORDS: Record<string, { label: string; color: string }> = {
  queued: { label: 'Waiting to be sent', color: 'yellow' },
  delivered: { label: 'Delivered', color: 'green' },
  failed: { label: 'Not delivered', color: 'red' },
};

function eventWords(kinds: WebhookEventKind[], name: string): string {
  if (name === 'webhook.test') return 'Test event';
  return kinds.find((k) => k.name === name)?.words ?? name;
}

function SecretNotice({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  return (
    <Alert color="green" variant="light" title="Webhook added" role="status" data-testid="new-webhook">
      <Stack gap="sm">
        <Text size="sm">
          Give this signing secret to the receiving system now: it checks each delivery's
          Pairwise-Signature with it. It is shown only this once.
        </Text>
        <Text component="code" className="pw-mono pw-token-secret" p="xs" bg="white" data-testid="webhook-secret">
          {created.secret}
        </Text>
        <Group gap="sm">
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button size="sm" onClick={copy} color={copied ? 'green.9' : undefined}>
                {copied ? 'Copied' : 'Copy the secret'}
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

function AddWebhookForm({ kinds, onCreated }: { kinds: WebhookEventKind[]; onCreated: (c: CreatedWebhook) => void }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { url: '', description: '', events: [] as string[] },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'An address starting with https:// (or http://)'),
      events: (v) => (v.length ? null : 'Choose at least one event'),
    },
  });
  const create = useMutation({
    mutationFn: createWebhook,
    onSuccess: async (created) => {
      form.reset();
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: webhooksKey });
    },
    onError: (error) => showFieldError(form, error, ['url', 'description', 'events']),
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="add-webhook-heading">
      <Title order={2} fz="h4" id="add-webhook-heading" mb="md">
        Add a webhook
      </Title>
      <form
        onSubmit={form.onSubmit((v) =>
          create.mutate({ url: v.url.trim(), description: v.description.trim(), events: v.events, active: true }),
        )}
        noValidate
      >
        <Stack gap="md" maw={560}>
          <TextInput
            label="Address"
            description="Where Pairwise sends each event (POST, JSON)"
            placeholder="https://hr.example.com/hooks/pairwise"
            required
            {...form.getInputProps('url')}
          />
          <TextInput label="Description" description="Optional: what receives it" {...form.getInputProps('description')} />
          <Checkbox.Group label="Events" required {...form.getInputProps('events')}>
            <Stack gap="xs" mt="xs">
              {kinds.map((k) => (
                <Checkbox key={k.name} value={k.name} label={k.words} />
              ))}
            </Stack>
          </Checkbox.Group>
          {create.isError && <ErrorAlert error={create.error} title="The webhook was not added" />}
          <div>
            <Button type="submit" loading={create.isPending}>
              Add webhook
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

function DeliveryLog({ webhook, kinds }: { webhook: Webhook; kinds: WebhookEventKind[] }) {
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', webhook.id],
    queryFn: ({ signal }) => fetchDeliveries(webhook.id, signal),
    refetchInterval: 3000,
  });
  if (deliveries.isPending) return <Loading label="Loading deliveries…" />;
  if (deliveries.isError) return <ErrorAlert error={deliveries.error} title="Could not load the deliveries" />;
  if (!deliveries.data.items.length) return <Text c="dimmed">Nothing sent yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={`Deliveries to ${webhook.url}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Attempts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.data.items.map((d) => (
            <Table.Tr key={d.id} data-testid="delivery">
              <Table.Td>{eventWords(kinds, d.event)}</Table.Td>
              <Table.Td>{formatDateTime(d.created_at)}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_WORDS[d.status]?.color} variant="light" tt="none">
                  {STATUS_WORDS[d.status]?.label ?? d.status}
                </Badge>
                {d.last_error && (
                  <Text size="xs" c="dimmed">
                    {d.last_status ? `The receiver answered ${d.last_status}.` : 'The receiver could not be reached.'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function WebhookCard({ webhook, kinds }: { webhook: Webhook; kinds: WebhookEventKind[] }) {
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => sendTestEvent(webhook.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', webhook.id] }),
  });
  const toggle = useMutation({
    mutationFn: () =>
      updateWebhook(webhook.id, {
        url: webhook.url,
        description: webhook.description,
        events: webhook.events,
        active: !webhook.active,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
  const remove = useMutation({
    mutationFn: () => deleteWebhook(webhook.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={`Webhook ${webhook.url}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={600} className="pw-mono" style={{ wordBreak: 'break-all' }}>
              {webhook.url}
            </Text>
            {webhook.description && <Text size="sm">{webhook.description}</Text>}
          </div>
          <Badge color={webhook.active ? 'green' : 'gray'} variant="light" tt="none">
            {webhook.active ? 'Sending' : 'Paused'}
          </Badge>
        </Group>
        <Text size="sm">Events: {webhook.events.map((e) => eventWords(kinds, e)).join('; ')}</Text>
        <Group gap="sm">
          <Button size="xs" onClick={() => test.mutate()} loading={test.isPending}>
            Send a test event
          </Button>
          <Button size="xs" variant="default" onClick={() => toggle.mutate()} loading={toggle.isPending}>
            {webhook.active ? 'Pause' : 'Resume'}
          </Button>
          <Button
            size="xs"
            color="red.9"
            variant="outline"
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove the webhook to ${webhook.url}? Its delivery log goes with it.`)) remove.mutate();
            }}
          >
            Remove
          </Button>
        </Group>
        {test.isSuccess && (
          <Text size="sm" role="status">
            A test event is on its way.
          </Text>
        )}
        {(test.isError || toggle.isError || remove.isError) && (
          <ErrorAlert error={test.error ?? toggle.error ?? remove.error} title="That did not work" />
        )}
        <Title order={3} fz="h5">
          Delivery log
        </Title>
        <DeliveryLog webhook={webhook} kinds={kinds} />
      </Stack>
    </Card>
  );
}

/** Admin: webhooks, signed events sent to other systems (/admin/webhooks). */
export function WebhooksPage() {
  usePageTitle('Webhooks');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const webhooks = useQuery({ queryKey: webhooksKey, queryFn: ({ signal }) => fetchWebhooks(signal) });
  return (
    <Stack gap="lg">
      <PageHeader
        title="Webhooks"
        description="Pairwise tells other systems what happens in mentoring — a relationship starts or ends, a meeting is logged, a goal is completed — by sending each event, signed, to the addresses you add here."
      />
      {created && <SecretNotice created={created} onDone={() => setCreated(null)} />}
      {webhooks.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : webhooks.isError ? (
        <ErrorAlert error={webhooks.error} title="Could not load the webhooks" />
      ) : (
        <>
          <AddWebhookForm kinds={webhooks.data.events} onCreated={setCreated} />
          {webhooks.data.items.length === 0 ? (
            <Text c="dimmed">No webhooks yet.</Text>
          ) : (
            webhooks.data.items.map((w) => <WebhookCard key={w.id} webhook={w} kinds={webhooks.data.events} />)
          )}
        </>
      )}
    </Stack>
  );
}
