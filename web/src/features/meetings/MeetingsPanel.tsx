// A relationship's meetings, for its mentor and mentee: suggested times that suit both (in the
// viewer's own time zone), proposing one or another time, answering the other side's proposal,
// changing or cancelling, and the meetings before. A component of its own so that the
// relationship page can show it as a tab.
import { useState } from 'react';
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../api/auth';
import {
  answerMeeting,
  changeMeeting,
  proposeMeeting,
  useFreeSlots,
  useMeetings,
  useMyAvailability,
  type FreeSlot,
  type Meeting,
  type MeetingInput,
} from '../../api/meetings';
import { ErrorAlert, Loading } from '../../components/PageState';
import { ActionItems } from './ActionItems';
import { LogDialog } from './LogDialog';
import { MeetingFields, refusalWords, type MeetingFormState } from './MeetingFields';
import { MeetingSummary } from './MeetingSummary';
import { SlotPicker } from './SlotPicker';

type Dialog =
  | { kind: 'propose'; slot?: FreeSlot }
  | { kind: 'counter' | 'reschedule'; meeting: Meeting };

function MeetingDialog({
  dialog,
  relationshipId,
  timeZone,
  onClose,
}: {
  dialog: Dialog;
  relationshipId: number;
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const base = dialog.kind === 'propose' ? undefined : dialog.meeting;
  const slot = dialog.kind === 'propose' ? dialog.slot : undefined;
  const [form, setForm] = useState<MeetingFormState>({
    startsAt: slot?.starts_at ?? base?.starts_at ?? '',
    duration: String(base?.duration_minutes ?? 60),
    mode: base?.mode ?? 'virtual',
    location: base?.location ?? '',
    videoUrl: base?.video_url ?? '',
    agenda: base?.agenda ?? '',
  });
  const save = useMutation({
    mutationFn: () => {
      const input: MeetingInput = {
        starts_at: form.startsAt,
        duration_minutes: slot ? undefined : Number(form.duration),
        mode: form.mode,
        location: form.location,
        video_url: form.videoUrl,
        agenda: form.agenda,
        from_slot: slot !== undefined,
      };
      if (slot) {
        input.duration_minutes = Math.round((Date.parse(slot.ends_at) - Date.parse(slot.starts_at)) / 60000);
      }
      return dialog.kind === 'propose'
        ? proposeMeeting(relationshipId, input)
        : changeMeeting(relationshipId, dialog.meeting.id, dialog.kind, input);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['relationships', relationshipId] });
      onClose();
    },
  });
  const title =
    dialog.kind === 'propose' ? 'Propose a meeting' : dialog.kind === 'counter' ? 'Propose another time' : 'Change the meeting';
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <MeetingFields form={form} setForm={setForm} slot={slot} timeZone={timeZone} />
          {save.isError && (
            <Text c="red.8" size="sm" role="alert" data-testid="meeting-error">
              {refusalWords(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="send-proposal">
              {dialog.kind === 'reschedule' ? 'Save the change' : 'Send proposal'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MeetingCard({
  meeting,
  relationshipId,
  timeZone,
  partnerName,
  onChange,
}: {
  meeting: Meeting;
  relationshipId: number;
  timeZone: string | undefined;
  partnerName: string;
  onChange: (dialog: Dialog) => void;
}) {
  const queryClient = useQueryClient();
  const [logging, setLogging] = useState(false);
  const started = Date.parse(meeting.starts_at) <= Date.now();
  const names = { mentor: meeting.mentor.name, mentee: meeting.mentee.name };
  const answer = useMutation({
    mutationFn: (action: 'accept' | 'cancel') => answerMeeting(relationshipId, meeting.id, action),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['relationships', relationshipId] }),
  });
  const live = meeting.status === 'proposed' || meeting.status === 'scheduled';
  return (
    <Card withBorder data-testid="meeting" data-status={meeting.status}>
      <Stack gap={6}>
        <MeetingSummary
          meeting={meeting}
          timeZone={timeZone}
          badgeColor={meeting.status === 'scheduled' ? 'green' : meeting.status === 'proposed' ? 'yellow' : 'gray'}
        />
        {meeting.status === 'proposed' && !meeting.awaiting_me && (
          <Text size="sm" c="dimmed">
            Waiting for {partnerName} to answer.
          </Text>
        )}
        {meeting.status === 'proposed' && meeting.awaiting_me && (
          <Text size="sm">{partnerName} proposes this time.</Text>
        )}
        {meeting.log && (
          <Text size="sm">
            {meeting.status === 'held'
              ? `You met for ${meeting.log.duration_minutes ?? '?'} minutes.`
              : 'This meeting did not happen.'}
            {meeting.log.topics && ` Topics: ${meeting.log.topics}`}
          </Text>
        )}
        <ActionItems
          items={meeting.carried_over}
          relationshipId={relationshipId}
          names={names}
          title="Open from earlier meetings"
        />
        <ActionItems items={meeting.action_items} relationshipId={relationshipId} names={names} title="Action items" />
        {answer.isError && (
          <Text c="red.8" size="sm" role="alert">
            {refusalWords(answer.error)}
          </Text>
        )}
        {(live || meeting.status === 'held' || meeting.status === 'missed') && started && (
          <div>
            <Button size="xs" variant="light" onClick={() => setLogging(true)} data-testid="write-log">
              {meeting.log ? 'Change the log' : 'Write the log'}
            </Button>
          </div>
        )}
        {logging && <LogDialog meeting={meeting} onClose={() => setLogging(false)} />}
        {live && !started && (
          <Group gap="xs" wrap="wrap">
            {meeting.awaiting_me && (
              <>
                <Button size="xs" onClick={() => answer.mutate('accept')} loading={answer.isPending} data-testid="accept">
                  Accept
                </Button>
                <Button size="xs" variant="default" onClick={() => onChange({ kind: 'counter', meeting })}>
                  Propose another time
                </Button>
              </>
            )}
            {meeting.status === 'scheduled' && (
              <Button size="xs" variant="default" onClick={() => onChange({ kind: 'reschedule', meeting })}>
                Change
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red" onClick={() => answer.mutate('cancel')}>
              {meeting.status === 'proposed' && !meeting.awaiting_me ? 'Withdraw' : 'Cancel meeting'}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** `planning` false (a relationship that ended): the meetings only, nothing new to plan. */
export function MeetingsPanel({
  relationshipId,
  partnerName,
  planning = true,
}: {
  relationshipId: number;
  partnerName: string;
  planning?: boolean;
}) {
  const { data: session } = useSession();
  const me = session?.account.employee_id;
  const availability = useMyAvailability();
  const timeZone = availability.data?.time_zone;
  const [duration, setDuration] = useState('60');
  const slots = useFreeSlots(relationshipId, Number(duration), planning);
  const meetings = useMeetings(relationshipId);
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const now = Date.now();
  const list = meetings.data?.items ?? [];
  const upcoming = list.filter((m) => (m.status === 'proposed' || m.status === 'scheduled') && Date.parse(m.ends_at) > now);
  const past = list.filter((m) => !upcoming.includes(m)).reverse();

  return (
    <Stack gap="lg">
      {planning && (
        <SlotPicker
          id="slots-title"
          title="Times that suit you both"
          intro={`From your and ${partnerName}’s usual free times over the next four weeks, shown on your clock${
            timeZone ? ` (${timeZone})` : ''
          }.`}
          none="No time suits you both yet."
          slots={slots}
          duration={duration}
          setDuration={setDuration}
          timeZone={timeZone}
          onPick={(slot) => setDialog({ kind: 'propose', slot })}
          onOther={() => setDialog({ kind: 'propose' })}
          detail={(s) => {
            const theirs = s.local.find((l) => l.employee_id !== me);
            return (
              theirs &&
              theirs.time_zone !== timeZone && (
                <Text span size="xs" c="dark.6">
                  {theirs.starts_at.slice(11, 16)}–{theirs.ends_at.slice(11, 16)} for {partnerName} ({theirs.time_zone})
                </Text>
              )
            );
          }}
        />
      )}

      <section aria-labelledby="upcoming-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="upcoming-title">
            Upcoming meetings
          </Title>
          {meetings.isPending && <Loading label="Loading meetings…" />}
          {meetings.isError && <ErrorAlert error={meetings.error} title="Could not load the meetings" />}
          {meetings.data && upcoming.length === 0 && (
            <Text size="sm" c="dimmed">
              Nothing planned yet.
            </Text>
          )}
          {upcoming.map((m) => (
            <MeetingCard
              key={m.id}
              meeting={m}
              relationshipId={relationshipId}
              timeZone={timeZone}
              partnerName={partnerName}
              onChange={setDialog}
            />
          ))}
        </Stack>
      </section>

      {past.length > 0 && (
        <section aria-labelledby="past-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="past-title">
              Earlier and cancelled meetings
            </Title>
            {past.map((m) => (
              <MeetingCard
                key={m.id}
                meeting={m}
                relationshipId={relationshipId}
                timeZone={timeZone}
                partnerName={partnerName}
                onChange={setDialog}
              />
            ))}
          </Stack>
        </section>
      )}
      {dialog && (
        <MeetingDialog
          dialog={dialog}
          relationshipId={relationshipId}
          timeZone={timeZone}
          onClose={() => setDialog(undefined)}
        />
      )}
    </Stack>
  );
}
