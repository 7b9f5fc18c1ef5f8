import { useState } from 'react';
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
  type RelationshipDetail,
} from '../../api/relationships';
import { formatDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/PageState';

function NoteCard({ r, note }: { r: RelationshipDetail; note: Note }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const mine = note.author === (r.relations.mentor ? r.mentor.employee_id : r.mentee.employee_id);
  const author = note.author === r.mentor.employee_id ? r.mentor.name : r.mentee.name;
  const refresh = () => queryClient.invalidateQueries({ queryKey: noteKeys.list(r.id) });
  const save = useMutation({
    mutationFn: () => updateNote(r.id, note, text),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteNote(r.id, note), onSuccess: refresh });
  return (
    <Card withBorder data-testid="note">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {mine ? 'You' : author} · {formatDateTime(note.updated_at)}
          </Text>
          {note.kind === 'private' ? (
            <Badge variant="light" color="gray">
              Private: only you
            </Badge>
          ) : (
            <Badge variant="light">Shared with {mine ? (r.relations.mentor ? r.mentee.name : r.mentor.name) : 'you'}</Badge>
          )}
        </Group>
        {editing ? (
          <>
            <Textarea
              aria-label="Note"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              error={save.error instanceof ApiError && save.error.field === 'text' ? save.error.message : undefined}
            />
            {save.isError && !(save.error instanceof ApiError && save.error.field === 'text') && (
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

/** Notes: private ones (the author alone reads them) and shared ones (the pair). */
export function NotesTab({ r }: { r: RelationshipDetail }) {
  const queryClient = useQueryClient();
  const notes = useNotes(r.id);
  const [kind, setKind] = useState<Note['kind']>('private');
  const [text, setText] = useState('');
  const other = r.relations.mentor ? r.mentee.name : r.mentor.name;
  const add = useMutation({
    mutationFn: () => createNote(r.id, kind, text),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: noteKeys.list(r.id) });
    },
  });
  if (notes.isPending) return <Loading label="Loading your notes…" />;
  if (notes.isError) return <ErrorAlert error={notes.error} />;
  const fieldError = add.error instanceof ApiError && add.error.field === 'text' ? add.error.message : undefined;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Private notes are yours alone; shared notes are for the two of you. Nobody else — not the coordinator, not your
        managers — can read either. Notes are stored encrypted.
      </Text>
      {r.status === 'active' && (
        <Card withBorder>
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Who reads the note"
              value={kind}
              onChange={(v) => setKind(v as Note['kind'])}
              data={[
                { value: 'private', label: 'Private: only me' },
                { value: 'shared', label: `Shared with ${other}` },
              ]}
            />
            <Textarea
              label="New note"
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
                Save the note
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {notes.data.items.length === 0 && <Text size="sm">No notes yet.</Text>}
      {notes.data.items.map((n) => (
        <NoteCard key={n.id} r={r} note={n} />
      ))}
    </Stack>
  );
}
