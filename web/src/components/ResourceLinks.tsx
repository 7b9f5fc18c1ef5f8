import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { topicPath, type TopicKey } from '../api/resources';

export interface ResourceLink {
  topic: TopicKey;
  /** The link's words where it is shown ("Your first meeting"). */
  label: string;
}

/** Links to the mentor resources on a topic, from the pages where they help. */
export function ResourceLinks({ links, intro = 'Guidelines:' }: { links: ResourceLink[]; intro?: string }) {
  return (
    <Group gap="xs" wrap="wrap" data-testid="resource-links">
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {links.map((l) => (
        <Anchor key={l.topic} component={Link} to={topicPath(l.topic)} size="sm">
          {l.label}
        </Anchor>
      ))}
    </Group>
  );
}
