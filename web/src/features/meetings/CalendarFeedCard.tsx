// "My profile": the personal calendar link (webcal://) that shows one's mentoring meetings in
// Google Calendar or Outlook. The link is secret: it is shown once, right after it is made;
// resetting it makes a new one and stops the old.
import { useState } from 'react';
import { Alert, Button, Card, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { resetMyCalendarFeed, revokeMyCalendarFeed, useMyCalendarFeed } from '../../api/meetings';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

export function CalendarFeedCard() {
  const feed = useMyCalendarFeed();
  const queryClient = useQueryClient();
  const [fresh, setFresh] = useState<string | undefined>();
  const reset = useMutation({
    mutationFn: resetMyCalendarFeed,
    onSuccess: async (made) => {
      setFresh(made.path ? `webcal://${window.location.host}${made.path}` : undefined);
      await queryClient.invalidateQueries({ queryKey: ['me', 'calendar-feed'] });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeMyCalendarFeed,
    onSuccess: async () => {
      setFresh(undefined);
      await queryClient.invalidateQueries({ queryKey: ['me', 'calendar-feed'] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="feed-title" data-testid="calendar-feed">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="feed-title">
            Your meetings in your calendar
          </Title>
          <Text size="sm" c="dimmed">
            A private link your calendar program (Google Calendar, Outlook) can subscribe to, so your mentoring
            meetings appear there. Anyone with the link can see your meetings: keep it to yourself.
          </Text>
        </div>
        {feed.isPending && <Loading label="Loading…" />}
        {feed.isError && <ErrorAlert error={feed.error} title="Could not load your calendar link" />}
        {fresh && (
          <Alert color="green" variant="light" title="Your new calendar link">
            <Stack gap="xs">
              <Text size="sm">Copy it now and add it to your calendar as a subscription; it is not shown again.</Text>
              <Code block style={{ wordBreak: 'break-all' }} data-testid="feed-url">
                {fresh}
              </Code>
              <CopyButton value={fresh}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy link'}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          </Alert>
        )}
        {feed.data && !fresh && (
          <Text size="sm">
            {feed.data.exists
              ? `You made a calendar link on ${formatDateTime(feed.data.created_at)}.`
              : 'You have no calendar link yet.'}
          </Text>
        )}
        {(reset.isError || revoke.isError) && (
          <Text size="sm" c="red.8" role="alert">
            That did not work. Please try again.
          </Text>
        )}
        {feed.data && (
          <Group gap="sm">
            <Button onClick={() => reset.mutate()} loading={reset.isPending} data-testid="reset-feed">
              {feed.data.exists ? 'Reset link' : 'Make a calendar link'}
            </Button>
            {feed.data.exists && (
              <Button variant="subtle" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
                Stop sharing
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
