// The fields of a meeting — when and how long (or the slot picked), how, the link or the place,
// the agenda — and the plain words for a refused one: one form for a pair's meetings
// (MeetingsPanel) and a group's (GroupMeetings).
import { Group, SegmentedControl, Select, Text, TextInput, Textarea } from '@mantine/core';
import { ApiError } from '../../api/client';
import { MODE_WORDS, formatSpan, type FreeSlot, type MeetingMode } from '../../api/meetings';

/** Plain words for a refused meeting, by the field the API names. */
export function refusalWords(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 409 && error.field === 'starts_at') {
    return 'That time overlaps another meeting of yours or theirs. Pick another time.';
  }
  if (error.status === 409) return 'This meeting changed in the meantime. Reload the page and try again.';
  switch (error.field) {
    case 'starts_at':
      return error.message.includes('availability')
        ? 'That time is outside the times one of you can meet. Pick another time.'
        : 'Pick a time in the future.';
    case 'duration_minutes':
      return 'A meeting lasts between 15 minutes and 8 hours.';
    case 'video_url':
      return 'The video link must start with https:// or http://.';
    case 'location':
      return 'The place must be one line of at most 500 characters.';
    case 'agenda':
      return 'The agenda is too long (at most 5,000 characters).';
    default:
      return 'Something went wrong. Please try again.';
  }
}

export interface MeetingFormState {
  startsAt: string; // ISO; fixed for a slot
  duration: string;
  mode: MeetingMode;
  location: string;
  videoUrl: string;
  agenda: string;
}

/** "2026-03-09T10:00" for a datetime-local input, in the browser's zone. */
export function localInputValue(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function MeetingFields({
  form,
  setForm,
  slot,
  timeZone,
}: {
  form: MeetingFormState;
  setForm: (form: MeetingFormState) => void;
  /** A slot picked from the free times: its time is fixed. */
  slot?: FreeSlot;
  timeZone: string | undefined;
}) {
  return (
    <>
      {slot ? (
        <Text data-testid="dialog-slot">
          <strong>{formatSpan(slot.starts_at, slot.ends_at, timeZone)}</strong> (your time)
        </Text>
      ) : (
        <Group gap="sm" wrap="wrap">
          <TextInput
            type="datetime-local"
            label="When (your time)"
            required
            value={form.startsAt ? localInputValue(form.startsAt) : ''}
            onChange={(e) => {
              const d = new Date(e.currentTarget.value);
              setForm({ ...form, startsAt: Number.isNaN(d.getTime()) ? '' : d.toISOString() });
            }}
          />
          <Select
            label="How long"
            data={[
              { value: '30', label: '30 minutes' },
              { value: '45', label: '45 minutes' },
              { value: '60', label: '1 hour' },
              { value: '90', label: '1½ hours' },
              { value: '120', label: '2 hours' },
            ]}
            value={form.duration}
            onChange={(v) => v && setForm({ ...form, duration: v })}
            allowDeselect={false}
          />
        </Group>
      )}
      <div>
        <Text size="sm" fw={500} id="mode-label">
          How you meet
        </Text>
        <SegmentedControl
          aria-labelledby="mode-label"
          value={form.mode}
          onChange={(v) => setForm({ ...form, mode: v as MeetingMode })}
          data={(Object.keys(MODE_WORDS) as MeetingMode[]).map((m) => ({ value: m, label: MODE_WORDS[m] }))}
        />
      </div>
      {form.mode === 'virtual' ? (
        <TextInput
          label="Video link"
          placeholder="https://…"
          value={form.videoUrl}
          onChange={(e) => setForm({ ...form, videoUrl: e.currentTarget.value })}
        />
      ) : (
        <TextInput
          label={form.mode === 'phone' ? 'Phone number' : 'Place'}
          value={form.location}
          onChange={(e) => setForm({ ...form, location: e.currentTarget.value })}
        />
      )}
      <Textarea
        label="Agenda"
        autosize
        minRows={2}
        value={form.agenda}
        onChange={(e) => setForm({ ...form, agenda: e.currentTarget.value })}
      />
    </>
  );
}
