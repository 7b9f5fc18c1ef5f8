import { Alert, Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { confirmUnsubscribe, fetchUnsubscribeLink } from '../api/unsubscribe';
import { ErrorAlert, Loading } from '../components/PageState';
import { usePageTitle } from '../layout/usePageTitle';

/**
 * The page a reminder's "unsubscribe" link opens (/unsubscribe/:token), without signing in. It
 * says what the link turns off and asks first: mail scanners open links, so opening it changes
 * nothing.
 */
export function UnsubscribePage() {
  usePageTitle('Stop reminders');
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const link = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: ({ signal }) => fetchUnsubscribeLink(token, signal),
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: () => confirmUnsubscribe(token),
    onSuccess: (view) => {
      queryClient.setQueryData(['unsubscribe', token], view);
      queryClient.removeQueries({ queryKey: ['my-reminders'] });
    },
  });

  if (link.isPending) return <Loading label="Checking your link…" />;
  if (link.isError) {
    const gone = link.error instanceof ApiError && link.error.status === 404;
    return (
      <Stack gap="lg">
        <Title order={1}>This link does not work</Title>
        {gone ? (
          <Text>
            The link was copied incompletely or is not one of ours. You can turn reminders off in
            your account settings after signing in.
          </Text>
        ) : (
          <ErrorAlert error={link.error} title="Could not check the link" />
        )}
        <Anchor component={Link} to="/me/account">
          Open my reminder settings
        </Anchor>
      </Stack>
    );
  }

  const view = link.data;
  if (view.reminders_off) {
    return (
      <Stack gap="lg">
        <Title order={1}>Reminders are off</Title>
        <Text>
          {confirm.isSuccess
            ? 'Done. You will no longer receive:'
            : 'Your reminders are already turned off. You will not receive:'}
        </Text>
        <List spacing={4}>
          {view.stops.map((words) => (
            <List.Item key={words}>{words}</List.Item>
          ))}
        </List>
        <Text c="dimmed">
          Messages your program’s coordinator writes to you themselves still arrive, and so do
          invitations to meetings.
        </Text>
        <Text>
          Changed your mind? Turn them back on in{' '}
          <Anchor component={Link} to="/me/account">
            your reminder settings
          </Anchor>{' '}
          (you will be asked to sign in).
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Stop reminders?</Title>
        <Text c="dimmed" mt={4}>
          The link came with one of the {view.came_in}.
        </Text>
      </div>
      <Text>If you confirm, you will no longer receive:</Text>
      <List spacing={4}>
        {view.stops.map((words) => (
          <List.Item key={words}>{words}</List.Item>
        ))}
      </List>
      <Text c="dimmed">
        Messages your program’s coordinator writes to you themselves still arrive. You can turn
        reminders back on at any time in your reminder settings.
      </Text>
      {confirm.isError && (
        <Alert color="red" variant="light" role="alert" title="Could not turn reminders off">
          {errorMessage(confirm.error)}
        </Alert>
      )}
      <Button onClick={() => confirm.mutate()} loading={confirm.isPending} fullWidth>
        Stop these reminders
      </Button>
    </Stack>
  );
}
