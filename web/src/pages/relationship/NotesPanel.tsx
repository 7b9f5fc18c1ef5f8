import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import {
  createNote,
  deleteNote,
  MAX_NOTE_CHARS,
  noteKeys,
  updateNote,
  useNotes,
  type Note,
  type NoteScope,
  type RelationshipDetail,
} from '../../api/relationships';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

/** The employee id of the signed-in side of the relationship. */
function myId(r: RelationshipDetail): string {
  return r.relations.mentor ? r.mentor.employee_id : r.mentee.employee_id;
}

/** Who reads a note, in words, from the reader's side. */
function Audience({ r, note, mine }: { r: RelationshipDetail; note: Note; mine: boolean }) {
  if (note.kind === 'group') return null;
  if (note.kind === 'private') {
    return (
      <Badge variant="light" color="gray">
        Private: only you
      </Badge>
    );
  }
  return <Badge variant="light">Shared with {mine ? (r.relations.mentor ? r.mentee.name : r.mentor.name) : 'you'}</Badge>;
}

function NoteCard({
  r,
  scope,
  note,
  authorName,
}: {
  r: RelationshipDetail;
  scope: NoteScope;
  note: Note;
  authorName: (employeeId: string) => string;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const mine = note.author === myId(r);
  const refresh = () => queryClient.invalidateQueries({ queryKey: noteKeys.list(r.id, scope) });
  const save = useMutation({
    mutationFn: () => updateNote(r.id, scope, note, text),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteNote(r.id, scope, note), onSuccess: refresh });
  const fieldError = save.error instanceof ApiError && save.error.field === 'text' ? save.error.message : undefined;
  return (
    <Card withBorder data-testid={scope === 'group' ? 'group-note' : 'note'}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {mine ? 'You' : authorName(note.author)} · {formatDateTime(note.updated_at)}
          </Text>
          <Audience r={r} note={note} mine={mine} />
        </Group>
        {editing ? (
          <>
            <Textarea
              aria-label={scope === 'group' ? 'Group note' : 'Note'}
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

/**
 * The one note editor: a relationship's notes (private or shared, chosen when writing) or, in a
 * group program, the group's notes. Lists the notes newest first; their authors edit and delete them.
 */
export function NotesPanel({
  r,
  scope,
  intro,
  authorName,
  heading,
}: {
  r: RelationshipDetail;
  scope: NoteScope;
  intro: string;
  authorName: (employeeId: string) => string;
  heading?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const notes = useNotes(r.id, scope);
  const [kind, setKind] = useState<Note['kind']>(scope === 'group' ? 'group' : 'private');
  const [text, setText] = useState('');
  const other = r.relations.mentor ? r.mentee.name : r.mentor.name;
  const add = useMutation({
    mutationFn: () => createNote(r.id, scope, kind, text),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: noteKeys.list(r.id, scope) });
    },
  });
  if (notes.isPending) return <Loading label={scope === 'group' ? "Loading the group's notes…" : 'Loading your notes…'} />;
  if (notes.isError) return <ErrorAlert error={notes.error} />;
  const fieldError = add.error instanceof ApiError && add.error.field === 'text' ? add.error.message : undefined;
  return (
    <Stack gap="md">
      {heading}
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {r.status === 'active' && (
        <Card withBorder>
          <Stack gap="sm">
            {scope === 'relationship' && (
              <SegmentedControl
                aria-label="Who reads the note"
                value={kind}
                onChange={(v) => setKind(v as Note['kind'])}
                data={[
                  { value: 'private', label: 'Private: only me' },
                  { value: 'shared', label: `Shared with ${other}` },
                ]}
              />
            )}
            <Textarea
              label={scope === 'group' ? 'New group note' : 'New note'}
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
                {scope === 'group' ? 'Share with the group' : 'Save the note'}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {notes.data.items.length === 0 && (
        <Text size="sm">{scope === 'group' ? 'No group notes yet.' : 'No notes yet.'}</Text>
      )}
      {notes.data.items.map((n) => (
        <NoteCard key={n.id} r={r} scope={scope} note={n} authorName={authorName} />
      ))}
    </Stack>
  );
}
