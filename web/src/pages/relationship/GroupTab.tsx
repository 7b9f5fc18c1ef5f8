import { Anchor, Badge, Card, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useGroup, type RelationshipGroup } from '../../api/groups';
import { STATUS_LABELS, type RelationshipDetail } from '../../api/relationships';
import { ErrorAlert, Loading } from '../../components/PageState';
import { GroupMeetings } from '../../features/meetings/GroupMeetings';
import { NotesPanel } from './NotesPanel';

function nameOf(group: RelationshipGroup, employeeId: string): string {
  if (group.mentor.employee_id === employeeId) return group.mentor.name;
  return group.mentees.find((m) => m.employee_id === employeeId)?.name ?? 'A former member';
}

/** Who is in the group: the mentor and each mentee (the mentor and overseers reach each one's relationship). */
function Members({ group, me }: { group: RelationshipGroup; me: string }) {
  return (
    <Card withBorder data-testid="group-members">
      <Stack gap="xs">
        <Title order={3} size="h5">
          The group: {group.mentees.length + 1} people (groups of up to {group.max_size} mentees)
        </Title>
        <Text size="sm">
          Mentor: {group.mentor.employee_id === me ? 'you' : group.mentor.name}
        </Text>
        <List size="sm" spacing={4} aria-label="Mentees of the group">
          {group.mentees.map((m) => (
            <List.Item key={m.employee_id} data-testid="group-mentee">
              {m.relationship_id ? (
                <Anchor component={Link} to={`/relationships/${m.relationship_id}`} inherit underline="always">
                  {m.name}
                </Anchor>
              ) : m.employee_id === me ? (
                'You'
              ) : (
                m.name
              )}
              {m.status !== 'active' && (
                <Badge ml="xs" size="sm" variant="light" color="gray">
                  {STATUS_LABELS[m.status]}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** The group's notes: every member reads them, nobody else. */
function GroupNotes({ r, group }: { r: RelationshipDetail; group: RelationshipGroup }) {
  return (
    <NotesPanel
      r={r}
      scope="group"
      heading={
        <Title order={3} size="h5">
          Group notes
        </Title>
      }
      intro="Everyone in the group reads these notes; nobody else — not the coordinator, not your managers. Your own notes and goals stay on the other tabs. Notes are stored encrypted."
      authorName={(id) => nameOf(group, id)}
    />
  );
}

/** Group programs: the group's members, its meetings and, for its members, the group's notes. */
export function GroupTab({ r }: { r: RelationshipDetail }) {
  const group = useGroup(r.id);
  const member = (r.relations.mentor || r.relations.mentee) && r.status !== 'ended_early';
  if (group.isPending) return <Loading label="Loading the group…" />;
  if (group.isError) return <ErrorAlert error={group.error} />;
  const me = r.relations.mentor ? r.mentor.employee_id : r.relations.mentee ? r.mentee.employee_id : '';
  return (
    <Stack gap="lg">
      <Members group={group.data} me={me} />
      <GroupMeetings relationshipId={r.id} mentor={r.relations.mentor} planning={member && r.status === 'active'} />
      {member && <GroupNotes r={r} group={group.data} />}
    </Stack>
  );
}
