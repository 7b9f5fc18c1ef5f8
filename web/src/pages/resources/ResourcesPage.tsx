import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Chip, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useResources, type ResourceTopic } from '../../api/resources';
import { formatDate } from '../../components/format';
import { plainText } from '../../components/markdown';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';

/** A resource's topics as badges, in the library's words. */
export function TopicBadges({ keys, topics }: { keys: string[]; topics: ResourceTopic[] }) {
  return (
    <Group gap={6}>
      {keys.map((key) => (
        <Badge key={key} variant="light" size="sm" component={Link} to={`/resources?topic=${encodeURIComponent(key)}`} style={{ cursor: 'pointer' }}>
          {topics.find((t) => t.key === key)?.label ?? key}
        </Badge>
      ))}
    </Group>
  );
}

/** The library: search, filter by topic, open a resource; writers also see their drafts. */
export function ResourcesPage() {
  usePageTitle('Mentor resources');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const topic = params.get('topic') ?? '';
  const drafts = params.get('drafts') === 'true';
  // What is typed; the URL's q follows it a moment later (so a search can be linked and reloaded).
  const [text, setText] = useState(q);
  // Search as one types, a moment after the last key.
  useEffect(() => {
    if (text === q) return;
    const timer = window.setTimeout(() => {
      const next = new URLSearchParams(params);
      if (text.trim()) next.set('q', text);
      else next.delete('q');
      setParams(next, { replace: true });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text, q, params, setParams]);
  const list = useResources({ q, topic, drafts });
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Mentor resources"
        description="Guidelines for mentors and mentees: the first meeting, setting goals, what to do when it isn't working, and more."
      >
        {list.data?.can_create && (
          <Button component={Link} to="/resources/new">
            New resource
          </Button>
        )}
      </PageHeader>
      <TextInput
        label="Search"
        placeholder="Words in the title, topic or text"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        type="search"
      />
      {list.data && (
        <Chip.Group multiple={false} value={topic || 'all'} onChange={(v) => setParam('topic', v === 'all' ? null : v)}>
          <Group gap="xs" aria-label="Topic" role="group">
            <Chip value="all" size="sm">
              All topics
            </Chip>
            {list.data.topics.map((t) => (
              <Chip key={t.key} value={t.key} size="sm">
                {t.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {list.data?.can_create && (
        <Switch
          label="Show drafts I may edit"
          checked={drafts}
          onChange={(e) => setParam('drafts', e.currentTarget.checked ? 'true' : null)}
        />
      )}
      {list.isPending && <Loading label="Loading the library…" />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <Stack gap="sm" aria-live="polite">
          <Text size="sm" c="dimmed" data-testid="resource-count">
            {list.data.items.length === 1 ? '1 resource' : `${list.data.items.length} resources`}
            {q || topic ? ' match' : ''}
          </Text>
          {list.data.items.length === 0 && (
            <Text>{q || topic ? 'Nothing matches. Try fewer or other words, or all topics.' : 'The library is empty so far.'}</Text>
          )}
          {list.data.items.map((r) => (
            <Card key={r.id} withBorder data-testid="resource-card">
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Title order={2} size="h4">
                    <Anchor component={Link} to={`/resources/${r.id}`}>
                      {r.title}
                    </Anchor>
                  </Title>
                  {!r.published && (
                    <Badge color="gray" variant="outline">
                      Draft
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{plainText(r.body)}</Text>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <TopicBadges keys={r.topics} topics={list.data.topics} />
                  <Text size="xs" c="dimmed">
                    Updated {formatDate(r.updated_at)}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
