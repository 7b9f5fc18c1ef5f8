import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource, useResources } from '../../api/resources';
import { formatDate } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import { ErrorAlert, Loading } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { TopicBadges } from './ResourcesPage';

/** One resource, its Markdown rendered safely; its author and admins may edit it. */
export function ResourcePage() {
  const id = Number(useParams().resourceId);
  const resource = useResource(id);
  const topics = useResources({}).data?.topics ?? [];
  usePageTitle(resource.data?.title ?? 'Mentor resource');
  if (resource.isPending) return <Loading label="Loading the resource…" />;
  if (resource.isError) {
    if (resource.error instanceof ApiError && resource.error.status === 404) {
      return (
        <Alert color="yellow" title="No such resource">
          It may have been removed. <Anchor component={Link} to="/resources">Back to the library</Anchor>
        </Alert>
      );
    }
    return <ErrorAlert error={resource.error} />;
  }
  const r = resource.data;
  return (
    <Stack gap="md" maw={760}>
      <Anchor component={Link} to="/resources" size="sm">
        ← All resources
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1}>{r.title}</Title>
        {r.can_edit && (
          <Button variant="default" component={Link} to={`/resources/${r.id}/edit`}>
            Edit
          </Button>
        )}
      </Group>
      <Group gap="sm" wrap="wrap">
        {!r.published && (
          <Badge color="gray" variant="outline">
            Draft: only you and admins see it
          </Badge>
        )}
        <TopicBadges keys={r.topics} topics={topics} />
      </Group>
      <Text size="sm" c="dimmed">
        By {r.author.name} · updated {formatDate(r.updated_at)}
        {r.updated_by.employee_id !== r.author.employee_id ? ` by ${r.updated_by.name}` : ''}
      </Text>
      <Card withBorder component="article" aria-label={r.title}>
        <Markdown source={r.body} />
      </Card>
    </Stack>
  );
}
