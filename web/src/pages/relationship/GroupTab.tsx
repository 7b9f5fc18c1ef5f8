import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import {
  createGroupNote,
  deleteGroupNote,
  groupKeys,
  updateGroupNote,
  useGroup,
  useGroupNotes,
  type GroupNote,
  type RelationshipGroup,
} from '../../api/groups';
import { MAX_NOTE_CHARS, STATUS_LABELS, type RelationshipDetail } from '../../api/relationships';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

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

function GroupNoteCard({ r, group, note }: { r: RelationshipDetail; group: RelationshipGroup; note: GroupNote }) {
  const queryClient = useQueryClient();
  const me = r.relations.mentor ? r.mentor.employee_id : r.mentee.employee_id;
  const mine = note.author === me;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const refresh = () => queryClient.invalidateQueries({ queryKey: groupKeys.notes(r.id) });
  const save = useMutation({
    mutationFn: () => updateGroupNote(r.id, note, text),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteGroupNote(r.id, note), onSuccess: refresh });
  const fieldError = save.error instanceof ApiError && save.error.field === 'text' ? save.error.message : undefined;
  return (
    <Card withBorder data-testid="group-note">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {mine ? 'You' : nameOf(group, note.author)} · {formatDateTime(note.updated_at)}
        </Text>
        {editing ? (
          <>
            <Textarea
              aria-label="Group note"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              error={fieldError}
            />
            {save.isError && !fieldError && (
              <Alert color="red" role="alert">
                {save.error instanceof ApiError && save.error.code === 'stale_note'
                  ? 'This note changed meanwhile (perhaps in another tab). Cancel and open it again.'
                  : errorMessage(save.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" size="xs" onClick={() => setEditing(false)}>
                Cancel
              </Button>
              <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
                Save
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.text}
          </Text>
        )}
        {mine && !editing && r.status === 'active' && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="xs" variant="default" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              Delete
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The group's notes: every member reads them, nobody else. */
function GroupNotes({ r, group }: { r: RelationshipDetail; group: RelationshipGroup }) {
  const queryClient = useQueryClient();
  const notes = useGroupNotes(r.id);
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => createGroupNote(r.id, text),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: groupKeys.notes(r.id) });
    },
  });
  if (notes.isPending) return <Loading label="Loading the group's notes…" />;
  if (notes.isError) return <ErrorAlert error={notes.error} />;
  const fieldError = add.error instanceof ApiError && add.error.field === 'text' ? add.error.message : undefined;
  return (
    <Stack gap="md">
      <Title order={3} size="h5">
        Group notes
      </Title>
      <Text size="sm" c="dimmed">
        Everyone in the group reads these notes; nobody else — not the coordinator, not your managers. Your own notes
        and goals stay on the other tabs. Notes are stored encrypted.
      </Text>
      {r.status === 'active' && (
        <Card withBorder>
          <Stack gap="sm">
            <Textarea
              label="New group note"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              error={fieldError}
              description={`${text.length.toLocaleString()} of ${MAX_NOTE_CHARS.toLocaleString()} characters`}
            />
            {add.isError && !fieldError && (
              <Alert color="red" role="alert">
                {errorMessage(add.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!text.trim()}>
                Share with the group
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {notes.data.items.length === 0 && <Text size="sm">No group notes yet.</Text>}
      {notes.data.items.map((n) => (
        <GroupNoteCard key={n.id} r={r} group={group} note={n} />
      ))}
    </Stack>
  );
}

/** Group programs: the group's members and, for its members, the group's notes. */
export function GroupTab({ r }: { r: RelationshipDetail }) {
  const group = useGroup(r.id);
  const member = (r.relations.mentor || r.relations.mentee) && r.status !== 'ended_early';
  if (group.isPending) return <Loading label="Loading the group…" />;
  if (group.isError) return <ErrorAlert error={group.error} />;
  const me = r.relations.mentor ? r.mentor.employee_id : r.relations.mentee ? r.mentee.employee_id : '';
  return (
    <Stack gap="lg">
      <Members group={group.data} me={me} />
      {member && <GroupNotes r={r} group={group.data} />}
    </Stack>
  );
}
