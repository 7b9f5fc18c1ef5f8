import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { fetchMail, type MailItem } from '../../api/admin';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

const STATUS_COLOR: Record<MailItem['status'], string> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
  held: 'gray',
};

const column = createColumnHelper<MailItem>();

/** Admin: the mail outbox (/admin/mail), which is where mail is read when no relay is set. */
export function MailPage() {
  usePageTitle('Sent mail');
  const [open, setOpen] = useState<MailItem | null>(null);
  const mail = useInfiniteQuery({
    queryKey: ['mail'],
    queryFn: ({ pageParam, signal }) => fetchMail(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
  const rows = useMemo(() => mail.data?.pages.flatMap((p) => p.items) ?? [], [mail.data]);
  const relay = mail.data?.pages[0]?.relay_configured;
  const columns = useMemo(
    () => [
      column.accessor('created_at', {
        header: 'Queued',
        cell: (c) => <span className="pw-nowrap">{formatDateTime(c.getValue())}</span>,
      }),
      column.accessor('to', { header: 'To' }),
      column.accessor('subject', {
        header: 'Subject',
        cell: (c) => (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setOpen(c.row.original)}
            aria-label={`Read “${c.getValue()}” to ${c.row.original.to}`}
          >
            {c.getValue()}
          </Button>
        ),
      }),
      column.accessor('kind', { header: 'Kind' }),
      column.accessor('status', {
        header: 'Status',
        cell: (c) => (
          <Badge variant="light" color={STATUS_COLOR[c.getValue()] ?? 'gray'}>
            {c.getValue()}
          </Badge>
        ),
      }),
      column.accessor('attempts', { header: 'Attempts' }),
    ],
    [],
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title="Sent mail"
        description="Every email Pairwise sends (invitations, password links) goes through this outbox."
      />
      {relay === false && (
        <Alert color="blue" variant="light" data-testid="no-relay">
          No mail relay is configured (PAIRWISE_SMTP), so mail is kept here and not delivered.
          Open a message to read it, for example to pass an invitation link on by hand.
        </Alert>
      )}
      <Card withBorder radius="md" padding="lg">
        {mail.isPending ? (
          <Loading label="Loading the outbox…" />
        ) : mail.isError ? (
          <ErrorAlert error={mail.error} title="Could not load the outbox" />
        ) : (
          <>
            <DataTable
              data={rows}
              columns={columns}
              caption="Outgoing mail, newest first"
              getRowId={(m) => String(m.id)}
              emptyText="No mail has been sent yet."
              testId="mail-table"
            />
            {mail.hasNextPage && (
              <Group justify="center" mt="md">
                <Button
                  variant="default"
                  onClick={() => void mail.fetchNextPage()}
                  loading={mail.isFetchingNextPage}
                >
                  Show older mail
                </Button>
              </Group>
            )}
          </>
        )}
      </Card>
      {open && (
        <Modal opened onClose={() => setOpen(null)} title={open.subject} size="lg" closeButtonProps={{ 'aria-label': 'Close the message' }}>
          <Stack gap="sm">
            <dl className="pw-facts">
              <dt>To</dt>
              <dd>{open.to}</dd>
              <dt>Status</dt>
              <dd>{open.status}</dd>
              <dt>Sent</dt>
              <dd>{formatDateTime(open.sent_at)}</dd>
              {open.last_error && (
                <>
                  <dt>Last error</dt>
                  <dd>{open.last_error}</dd>
                </>
              )}
            </dl>
            <Text fw={600} size="sm">
              Message
            </Text>
            <Code block data-testid="mail-text" style={{ whiteSpace: 'pre-wrap' }}>
              {open.text}
            </Code>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
