// A group's meetings (group programs), on the relationship page's Group tab: the mentor plans
// one meeting for the whole group (from the times that suit everyone, or a time of their own),
// changes or cancels it and writes the log with who came;
// each invited mentee says whether they can come; the program's coordinators and shadow
// mentors see when the group meets and who comes, not the agenda or the link.
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import {
  RESPONSE_WORDS,
  cancelGroupMeeting,
  logGroupMeeting,
  proposeGroupMeeting,
  rescheduleGroupMeeting,
  respondToGroupMeeting,
  useGroupFreeSlots,
  useGroupMeetings,
  type GroupMeeting,
  type GroupMeetingInput,
} from '../../api/groups';
import { useMyAvailability, type ActionItem, type FreeSlot } from '../../api/meetings';
import { ErrorAlert, Loading } from '../../components/PageState';
import { ActionItems } from './ActionItems';
import { ActionItemsEditor, LogBasics, logErrorWords, type ItemDraft, type LogBasicsState } from './LogDialog';
import { MeetingFields, refusalWords, type MeetingFormState } from './MeetingFields';
import { MeetingSummary } from './MeetingSummary';
import { SlotPicker } from './SlotPicker';

function groupRefusalWords(error: unknown): string {
  if (error instanceof ApiError && error.status === 409 && error.field === 'starts_at') {
    return 'That time overlaps another meeting of yours. Pick another time.';
  }
  if (error instanceof ApiError && error.field === 'starts_at' && error.message.includes('availability')) {
    return 'That time no longer suits everyone in the group. Pick another time.';
  }
  if (error instanceof ApiError && error.status === 409 && error.message.includes('agreement')) {
    return 'Nobody in the group has accepted their agreement yet, so there is nobody to invite.';
  }
  return refusalWords(error);
}

function useInvalidate(relationshipId: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['relationships', relationshipId, 'group'] });
}

/** Planning a meeting for the group (at a `slot` that suits everyone, or any time), or changing
 * one (`meeting`). */
function PlanDialog({
  relationshipId,
  meeting,
  slot,
  timeZone,
  onClose,
}: {
  relationshipId: number;
  meeting?: GroupMeeting;
  slot?: FreeSlot;
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const invalidate = useInvalidate(relationshipId);
  const [form, setForm] = useState<MeetingFormState>({
    startsAt: slot?.starts_at ?? meeting?.starts_at ?? '',
    duration: String(meeting?.duration_minutes ?? 60),
    mode: meeting?.mode ?? 'virtual',
    location: meeting?.location ?? '',
    videoUrl: meeting?.video_url ?? '',
    agenda: meeting?.agenda ?? '',
  });
  const save = useMutation({
    mutationFn: () => {
      const input: GroupMeetingInput = {
        starts_at: form.startsAt,
        duration_minutes: slot
          ? Math.round((Date.parse(slot.ends_at) - Date.parse(slot.starts_at)) / 60000)
          : Number(form.duration),
        mode: form.mode,
        location: form.location,
        video_url: form.videoUrl,
        agenda: form.agenda,
        from_slot: slot !== undefined,
      };
      return meeting
        ? rescheduleGroupMeeting(relationshipId, meeting.id, input)
        : proposeGroupMeeting(relationshipId, input);
    },
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={meeting ? 'Change the group meeting' : 'Plan a group meeting'}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Everyone in the group whose agreement is accepted gets a calendar invitation by mail
            {meeting ? ' with the change' : ''}.
          </Text>
          <MeetingFields form={form} setForm={setForm} slot={slot} timeZone={timeZone} />
          {save.isError && (
            <Text c="red.8" size="sm" role="alert" data-testid="group-meeting-error">
              {groupRefusalWords(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="send-group-invite">
              {meeting ? 'Save the change' : 'Send invitations'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The mentor's log: whether it happened, how long, how, what about, and who came. */
function GroupLogDialog({
  relationshipId,
  meeting,
  onClose,
}: {
  relationshipId: number;
  meeting: GroupMeeting;
  onClose: () => void;
}) {
  const invalidate = useInvalidate(relationshipId);
  const [basics, setBasics] = useState<LogBasicsState>({
    outcome: meeting.status === 'missed' ? 'missed' : 'held',
    minutes: meeting.log?.duration_minutes ?? meeting.duration_minutes,
    mode: meeting.mode,
    topics: meeting.log?.topics ?? '',
  });
  const [came, setCame] = useState<string[]>(
    meeting.attendees
      .filter((a) => (a.attended === null ? a.response === 'accepted' : a.attended))
      .map((a) => a.employee_id),
  );
  const [items, setItems] = useState<ItemDraft[]>([]);
  const save = useMutation({
    mutationFn: () =>
      logGroupMeeting(relationshipId, meeting.id, {
        outcome: basics.outcome,
        duration_minutes: basics.outcome === 'held' ? Number(basics.minutes) : undefined,
        mode: basics.mode,
        topics: basics.topics,
        attended: basics.outcome === 'held' ? came : [],
        action_items: items,
      }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="How did the group meeting go?" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <LogBasics
            value={basics}
            onChange={setBasics}
            held={
              <Checkbox.Group label="Who came" value={came} onChange={setCame}>
                <Stack gap={6} mt={6}>
                  {meeting.attendees.map((a) => (
                    <Checkbox key={a.employee_id} value={a.employee_id} label={a.name} />
                  ))}
                </Stack>
              </Checkbox.Group>
            }
          />
          <ActionItemsEditor
            items={items}
            setItems={setItems}
            owners={[
              { value: meeting.mentor.employee_id, label: `${meeting.mentor.name} (you)` },
              ...meeting.attendees.map((a) => ({ value: a.employee_id, label: a.name })),
            ]}
            defaultOwner={meeting.attendees[0]?.employee_id ?? meeting.mentor.employee_id}
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
            <Button type="submit" loading={save.isPending} data-testid="save-group-log">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The action items raised at the meeting (and, for one to come, those still open from earlier
 * ones), by who owns them; the owner or the mentor ticks one off. */
function GroupActionItems({ meeting, relationshipId }: { meeting: GroupMeeting; relationshipId: number }) {
  const me = useSession().data?.account.employee_id;
  const people = new Map([[meeting.mentor.employee_id, meeting.mentor.name], ...meeting.attendees.map((a) => [a.employee_id, a.name] as const)]);
  const name = (item: ActionItem) =>
    item.owner_id === me ? 'you' : ((item.owner_id && people.get(item.owner_id)) ?? (item.owner === 'mentor' ? meeting.mentor.name : 'a former member'));
  const canTick = (item: ActionItem) => meeting.role === 'mentor' || item.owner_id === me;
  return (
    <>
      <ActionItems items={meeting.carried_over} relationshipId={relationshipId} names={name} canTick={canTick} title="Still open from earlier meetings" />
      <ActionItems items={meeting.action_items} relationshipId={relationshipId} names={name} canTick={canTick} title="Action items" />
    </>
  );
}

function responseColor(a: { response: string; attended: boolean | null }): string {
  if (a.attended !== null) return a.attended ? 'green' : 'gray';
  return a.response === 'accepted' ? 'green' : a.response === 'declined' ? 'red' : 'gray';
}

function GroupMeetingCard({
  meeting,
  relationshipId,
  timeZone,
  planning,
  onChange,
}: {
  meeting: GroupMeeting;
  relationshipId: number;
  timeZone: string | undefined;
  planning: boolean;
  onChange: (meeting: GroupMeeting) => void;
}) {
  const invalidate = useInvalidate(relationshipId);
  const [logging, setLogging] = useState(false);
  const started = Date.parse(meeting.starts_at) <= Date.now();
  const answer = useMutation({
    mutationFn: (response: 'accepted' | 'declined') => respondToGroupMeeting(relationshipId, meeting.id, response),
    onSuccess: invalidate,
  });
  const cancel = useMutation({
    mutationFn: () => cancelGroupMeeting(relationshipId, meeting.id),
    onSuccess: invalidate,
  });
  const mentor = meeting.role === 'mentor';
  const scheduled = meeting.status === 'scheduled';
  const coming = meeting.attendees.filter((a) => a.response === 'accepted').length;
  return (
    <Card withBorder data-testid="group-meeting" data-status={meeting.status}>
      <Stack gap={6}>
        <MeetingSummary meeting={meeting} timeZone={timeZone} badgeColor={scheduled ? 'green' : 'gray'} />
        {meeting.log && (
          <Text size="sm">
            {meeting.status === 'held'
              ? `The group met for ${meeting.log.duration_minutes ?? '?'} minutes; ${
                  meeting.attendees.filter((a) => a.attended).length
                } of ${meeting.attendees.length} came.`
              : 'This meeting did not happen.'}
            {meeting.log.topics && ` Topics: ${meeting.log.topics}`}
          </Text>
        )}
        <GroupActionItems meeting={meeting} relationshipId={relationshipId} />
        <div>
          <Text size="sm" fw={500} id={`invited-${meeting.id}`}>
            {scheduled ? `Invited (${coming} coming)` : 'Invited'}
          </Text>
          <Group gap={6} wrap="wrap" mt={4} role="list" aria-labelledby={`invited-${meeting.id}`}>
            {meeting.attendees.map((a) => (
              <Badge
                key={a.employee_id}
                role="listitem"
                variant="light"
                color={meeting.status === 'cancelled' ? 'gray' : responseColor(a)}
                data-testid="group-attendee"
                styles={{ root: { textTransform: 'none' } }}
              >
                {meeting.status === 'cancelled'
                  ? a.name
                  : `${a.name}: ${
                      a.attended !== null ? (a.attended ? 'came' : 'was not there') : RESPONSE_WORDS[a.response].toLowerCase()
                    }`}
              </Badge>
            ))}
          </Group>
        </div>
        {meeting.role === 'mentee' && meeting.my_response && scheduled && !started && planning && (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" data-testid="my-response">
              {meeting.my_response === 'pending'
                ? 'Can you come?'
                : `You said: ${RESPONSE_WORDS[meeting.my_response].toLowerCase()}.`}
            </Text>
            {meeting.my_response !== 'accepted' && (
              <Button size="xs" onClick={() => answer.mutate('accepted')} loading={answer.isPending} data-testid="group-accept">
                I’ll come
              </Button>
            )}
            {meeting.my_response !== 'declined' && (
              <Button size="xs" variant="default" onClick={() => answer.mutate('declined')} data-testid="group-decline">
                I can’t come
              </Button>
            )}
          </Group>
        )}
        {(answer.isError || cancel.isError) && (
          <Text c="red.8" size="sm" role="alert">
            {groupRefusalWords(answer.error ?? cancel.error)}
          </Text>
        )}
        {mentor && planning && scheduled && !started && (
          <Group gap="xs" wrap="wrap">
            <Button size="xs" variant="default" onClick={() => onChange(meeting)}>
              Change
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => cancel.mutate()} loading={cancel.isPending}>
              Cancel meeting
            </Button>
          </Group>
        )}
        {mentor && planning && meeting.status !== 'cancelled' && started && (
          <div>
            <Button size="xs" variant="light" onClick={() => setLogging(true)} data-testid="write-group-log">
              {meeting.log ? 'Change the log' : 'Write the log'}
            </Button>
          </div>
        )}
        {logging && <GroupLogDialog relationshipId={relationshipId} meeting={meeting} onClose={() => setLogging(false)} />}
      </Stack>
    </Card>
  );
}

/** `planning`: the viewer's relationship is active (else the meetings only). */
export function GroupMeetings({
  relationshipId,
  mentor,
  planning,
}: {
  relationshipId: number;
  /** The viewer is the group's mentor. */
  mentor: boolean;
  planning: boolean;
}) {
  const meetings = useGroupMeetings(relationshipId);
  const availability = useMyAvailability();
  const timeZone = availability.data?.time_zone;
  const [duration, setDuration] = useState('60');
  const slots = useGroupFreeSlots(relationshipId, Number(duration), mentor && planning);
  const [dialog, setDialog] = useState<{ meeting?: GroupMeeting; slot?: FreeSlot } | undefined>();
  const now = Date.now();
  const list = meetings.data?.items ?? [];
  const upcoming = list.filter((m) => m.status === 'scheduled' && Date.parse(m.ends_at) > now);
  const past = list.filter((m) => !upcoming.includes(m)).reverse();
  const overseer = list[0]?.role === 'overseer';
  return (
    <Card withBorder component="section" aria-labelledby="group-meetings-title" data-testid="group-meetings">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id="group-meetings-title">
            Meetings
          </Title>
          {mentor && planning && (
            <Button size="xs" onClick={() => setDialog({})} data-testid="plan-group-meeting">
              Plan a group meeting
            </Button>
          )}
        </Group>
        {mentor && planning && (
          <SlotPicker
            id="group-slots-title"
            title="Times that suit the whole group"
            intro={`From your usual free times and those of everyone in the group whose agreement is accepted, over the next four weeks, leaving out everyone’s other meetings; shown on your clock${
              timeZone ? ` (${timeZone})` : ''
            }.`}
            none="No time suits everyone yet."
            slots={slots}
            duration={duration}
            setDuration={setDuration}
            timeZone={timeZone}
            onPick={(slot) => setDialog({ slot })}
            onOther={() => setDialog({})}
            otherLabel="Plan at another time"
            headingOrder={4}
          />
        )}
        {overseer && (
          <Text size="sm" c="dimmed">
            You see when the group meets and who comes; the agenda, the link and what was talked about stay with the group.
          </Text>
        )}
        {meetings.isPending && <Loading label="Loading the group’s meetings…" />}
        {meetings.isError && <ErrorAlert error={meetings.error} title="Could not load the group’s meetings" />}
        {meetings.data && upcoming.length === 0 && (
          <Text size="sm" c="dimmed">
            {mentor && planning ? 'No group meeting planned yet. Plan one for everyone at once.' : 'No group meeting planned yet.'}
          </Text>
        )}
        {upcoming.map((m) => (
          <GroupMeetingCard
            key={m.id}
            meeting={m}
            relationshipId={relationshipId}
            timeZone={timeZone}
            planning={planning}
            onChange={(meeting) => setDialog({ meeting })}
          />
        ))}
        {past.length > 0 && (
          <>
            <Title order={4} size="h6">
              Earlier and cancelled meetings
            </Title>
            {past.map((m) => (
              <GroupMeetingCard
                key={m.id}
                meeting={m}
                relationshipId={relationshipId}
                timeZone={timeZone}
                planning={planning}
                onChange={(meeting) => setDialog({ meeting })}
              />
            ))}
          </>
        )}
      </Stack>
      {dialog && (
        <PlanDialog
          relationshipId={relationshipId}
          meeting={dialog.meeting}
          slot={dialog.slot}
          timeZone={timeZone}
          onClose={() => setDialog(undefined)}
        />
      )}
    </Card>
  );
}
