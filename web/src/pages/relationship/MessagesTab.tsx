import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import { MAX_PAIR_MESSAGE_CHARS, messageKeys, sendPairMessage, usePairMessages } from '../../api/groups';
import type { RelationshipDetail } from '../../api/relationships';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

/** What the program's shadow mentor wrote to the pair; the shadow mentor writes here. */
export function MessagesTab({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const messages = usePairMessages(r.id);
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => sendPairMessage(r.id, text),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: messageKeys.list(r.id) });
    },
  });
  if (messages.isPending) return <Loading label="Loading the messages…" />;
  if (messages.isError) return <ErrorAlert error={messages.error} />;
  const fieldError = send.error instanceof ApiError && send.error.field === 'text' ? send.error.message : undefined;
  const inForce = r.status === 'active' || r.status === 'pending_agreement';
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {r.relations.shadow_mentor
          ? `As the program's shadow mentor you can write to ${r.mentor.name} and ${r.mentee.name}: both get your message by mail, and it stays here for them.`
          : "Messages from the program's shadow mentor to the two of you. Each also came by mail."}
      </Text>
      {r.relations.shadow_mentor && inForce && (
        <Card withBorder>
          <Stack gap="sm">
            <Textarea
              label="Message to the pair"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              error={fieldError}
              description={`${text.length.toLocaleString()} of ${MAX_PAIR_MESSAGE_CHARS.toLocaleString()} characters`}
            />
            {send.isError && !fieldError && (
              <Alert color="red" role="alert">
                {errorMessage(send.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!text.trim()}>
                Send to both
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {messages.data.items.length === 0 && <Text size="sm">No messages yet.</Text>}
      {messages.data.items.map((m) => (
        <Card withBorder key={m.id} data-testid="pair-message">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {m.author_name} · {formatDateTime(m.created_at)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.text}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
