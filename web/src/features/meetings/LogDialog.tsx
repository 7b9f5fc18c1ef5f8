// The short log written after a meeting: whether it happened, how long, how, what about, and
// the action items agreed (each with who does it and by when). LogBasics, the first part, is
// the group's log form too (GroupMeetings).
import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { MODE_WORDS, logMeeting, type Meeting, type MeetingMode } from '../../api/meetings';

export interface ItemDraft {
  text: string;
  /** A pair's meeting: 'mentor' | 'mentee'; a group's: the owner's employee id. */
  owner: string;
  due_date: string;
}

/** The action items agreed at a meeting, each with who does it (one of `owners`) and by when;
 * a pair's log and a group's share it. */
export function ActionItemsEditor({
  items,
  setItems,
  owners,
  defaultOwner,
  defaultDue,
}: {
  items: ItemDraft[];
  setItems: (update: (items: ItemDraft[]) => ItemDraft[]) => void;
  owners: { value: string; label: string }[];
  defaultOwner: string;
  defaultDue: string;
}) {
  return (
    <>
      <Text size="sm" fw={500}>
        Action items
      </Text>
      {items.map((item, i) => (
        <Group key={i} gap="xs" wrap="wrap" align="flex-end">
          <TextInput
            label="What"
            value={item.text}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setItems((l) => l.map((x, j) => (j === i ? { ...x, text } : x)));
            }}
            style={{ flex: '1 1 200px' }}
          />
          <Select
            label="Who"
            data={owners}
            value={item.owner}
            onChange={(v) => v && setItems((l) => l.map((x, j) => (j === i ? { ...x, owner: v } : x)))}
            allowDeselect={false}
            w={170}
          />
          <TextInput
            type="date"
            label="By"
            value={item.due_date}
            onChange={(e) => {
              const due = e.currentTarget.value;
              setItems((l) => l.map((x, j) => (j === i ? { ...x, due_date: due } : x)));
            }}
            w={160}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label="Remove this action item"
            onClick={() => setItems((l) => l.filter((_, j) => j !== i))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button
          variant="default"
          size="xs"
          onClick={() => setItems((l) => [...l, { text: '', owner: defaultOwner, due_date: defaultDue }])}
        >
          Add an action item
        </Button>
      </div>
    </>
  );
}

export interface LogBasicsState {
  outcome: 'held' | 'missed';
  minutes: number | string;
  mode: MeetingMode;
  topics: string;
}

/** Whether it happened, how long and how (when it did, with `held` below), and the topics. */
export function LogBasics({
  value,
  onChange,
  held,
}: {
  value: LogBasicsState;
  onChange: (value: LogBasicsState) => void;
  held?: ReactNode;
}) {
  return (
    <>
      <div>
        <Text size="sm" fw={500} id="outcome-label">
          Did it happen?
        </Text>
        <SegmentedControl
          aria-labelledby="outcome-label"
          value={value.outcome}
          onChange={(v) => onChange({ ...value, outcome: v as 'held' | 'missed' })}
          data={[
            { value: 'held', label: 'We met' },
            { value: 'missed', label: 'It did not happen' },
          ]}
        />
      </div>
      {value.outcome === 'held' && (
        <>
          <Group gap="sm" wrap="wrap">
            <NumberInput
              label="Minutes"
              min={1}
              max={480}
              value={value.minutes}
              onChange={(minutes) => onChange({ ...value, minutes })}
              w={120}
            />
            <Select
              label="How you met"
              data={(Object.keys(MODE_WORDS) as MeetingMode[]).map((m) => ({ value: m, label: MODE_WORDS[m] }))}
              value={value.mode}
              onChange={(v) => v && onChange({ ...value, mode: v as MeetingMode })}
              allowDeselect={false}
              w={160}
            />
          </Group>
          {held}
        </>
      )}
      <Textarea
        label="Topics"
        autosize
        minRows={2}
        value={value.topics}
        onChange={(e) => onChange({ ...value, topics: e.currentTarget.value })}
      />
    </>
  );
}

export function logErrorWords(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const field = error.field ?? '';
  if (field === 'duration_minutes') return 'Say how long the meeting took, in minutes (up to 8 hours).';
  if (field === 'topics') return 'The topics are too long (at most 2,000 characters).';
  if (field.endsWith('.text')) return 'Each action item needs a short description (one line).';
  if (field.endsWith('.due_date')) return 'Each action item needs a due date from the meeting’s day on.';
  if (field.endsWith('.owner')) return 'Each action item needs someone who was invited to do it.';
  if (error.status === 409) return 'This meeting cannot be logged now. Reload the page and try again.';
  return 'Something went wrong. Please try again.';
}

export function LogDialog({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [basics, setBasics] = useState<LogBasicsState>({
    outcome: 'held',
    minutes: meeting.duration_minutes,
    mode: meeting.mode,
    topics: meeting.log?.topics ?? '',
  });
  const [items, setItems] = useState<ItemDraft[]>([]);
  const save = useMutation({
    mutationFn: () =>
      logMeeting(meeting.relationship_id, meeting.id, {
        outcome: basics.outcome,
        duration_minutes: basics.outcome === 'held' ? Number(basics.minutes) : undefined,
        mode: basics.mode,
        topics: basics.topics,
        action_items: items.map((i) => ({ ...i, owner: i.owner === 'mentor' ? 'mentor' : 'mentee' })),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['relationships', meeting.relationship_id] });
      onClose();
    },
  });
  const names = { mentor: meeting.mentor.name, mentee: meeting.mentee.name };
  return (
    <Modal opened onClose={onClose} title="How did the meeting go?" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <LogBasics value={basics} onChange={setBasics} />
          <ActionItemsEditor
            items={items}
            setItems={setItems}
            owners={[
              { value: 'mentee', label: names.mentee },
              { value: 'mentor', label: names.mentor },
            ]}
            defaultOwner="mentee"
            defaultDue={meeting.starts_at.slice(0, 10)}
          />
          {save.isError && (
            <Text c="red.8" size="sm" role="alert">
              {logErrorWords(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-log">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
