import { Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useRelationship } from '../../api/relationships';
import { formatDate } from '../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../components/PageState';
import { usePageTitle } from '../../layout/usePageTitle';
import { RelationshipStatusLabel } from './RelationshipStatusLabel';
import { RELATIONSHIP_TABS } from './tabs';

/** /relationships/:relationshipId/:tab? — one relationship, with a tab per part. */
export function RelationshipPage() {
  const { relationshipId, tab } = useParams();
  const id = Number(relationshipId);
  const navigate = useNavigate();
  const relationship = useRelationship(id);
  const r = relationship.data;
  const title = r
    ? r.relations.mentee
      ? `Mentoring with ${r.mentor.name}`
      : r.relations.mentor
        ? `Mentoring ${r.mentee.name}`
        : `${r.mentor.name} and ${r.mentee.name}`
    : 'Relationship';
  usePageTitle(title);
  if (relationship.isPending) return <Loading label="Loading the relationship…" />;
  if (relationship.isError || !r) return <ErrorAlert error={relationship.error} />;
  const tabs = RELATIONSHIP_TABS.filter((t) => t.visible(r));
  const current = tabs.find((t) => t.value === tab) ?? tabs[0];
  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        description={
          <>
            <Anchor component={Link} to={`/programs/${r.program.id}`} inherit underline="always">
              {r.program.name}
            </Anchor>
            {' · '}since {formatDate(r.started_at)}
          </>
        }
      >
        <RelationshipStatusLabel status={r.status} />
      </PageHeader>
      {tabs.length > 1 ? (
        <Tabs
          value={current?.value}
          onChange={(v) => v && navigate(`/relationships/${id}/${v}`, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List>
            {tabs.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map((t) => (
            <Tabs.Panel key={t.value} value={t.value} pt="md">
              <t.Panel r={r} />
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        current && <current.Panel r={r} />
      )}
      <Group>
        <Text size="sm">
          <Anchor component={Link} to="/mentoring">
            Back to my mentoring
          </Anchor>
        </Text>
      </Group>
    </Stack>
  );
}
