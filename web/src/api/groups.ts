// Group programs — one mentor with several mentees who meet together: who is in the group (its
// notes are the one note store's, api/relationships.ts with scope "group") — and what the program's
// shadow mentor writes to a pair (mailed to both, kept on the relationship). Every path goes
// through the member's (or the overseer's) own relationship.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PersonRef } from './matching';
import type { ActionItem, FreeSlot, MeetingInput, MeetingLogView, MeetingMode } from './meetings';
import type { RelationshipStatus } from './relationships';

export interface GroupMember extends PersonRef {
  /** The mentee's relationship: shown to the mentor and the program's overseers only. */
  relationship_id: number | null;
  status: RelationshipStatus;
}

export interface RelationshipGroup {
  program_id: number;
  program_name: string;
  mentor: PersonRef;
  mentees: GroupMember[];
  max_size: number;
}

export const groupKeys = {
  group: (relationshipId: number) => ['relationships', relationshipId, 'group'] as const,
};

export function useGroup(relationshipId: number, enabled = true) {
  return useQuery({
    queryKey: groupKeys.group(relationshipId),
    queryFn: ({ signal }) => api.get<RelationshipGroup>(`/relationships/${relationshipId}/group`, { signal }),
    enabled,
  });
}

// ---- The shadow mentor's messages to the pair ----------------------------------------------

export const MAX_PAIR_MESSAGE_CHARS = 4000;

export interface PairMessage {
  id: number;
  author: string;
  author_name: string;
  text: string;
  created_at: string;
}

export const messageKeys = { list: (relationshipId: number) => ['relationships', relationshipId, 'messages'] as const };

export function usePairMessages(relationshipId: number, enabled = true) {
  return useQuery({
    queryKey: messageKeys.list(relationshipId),
    queryFn: ({ signal }) => api.get<{ items: PairMessage[] }>(`/relationships/${relationshipId}/messages`, { signal }),
    enabled,
  });
}

export function sendPairMessage(relationshipId: number, text: string): Promise<PairMessage> {
  return api.post<PairMessage>(`/relationships/${relationshipId}/messages`, { text });
}

// ---- The group's meetings (one meeting for the whole group) ---------------------------------

export type GroupResponse = 'pending' | 'accepted' | 'declined';
export const RESPONSE_WORDS: Record<GroupResponse, string> = {
  pending: 'Not answered yet',
  accepted: 'Coming',
  declined: 'Cannot come',
};

export interface GroupAttendee extends PersonRef {
  response: GroupResponse;
  responded_at: string | null;
  /** Set by the log: whether they were there. */
  attended: boolean | null;
}

export interface GroupMeeting {
  id: number;
  program_id: number;
  mentor: PersonRef;
  status: 'scheduled' | 'cancelled' | 'held' | 'missed';
  mode: MeetingMode;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  location: string;
  /** Empty for the program's coordinators and shadow mentors. */
  video_url: string;
  agenda: string;
  sequence: number;
  attendees: GroupAttendee[];
  log: MeetingLogView | null;
  role: 'mentor' | 'mentee' | 'overseer';
  my_response: GroupResponse | null;
  awaiting_me: boolean;
  /** Raised at this meeting, and (a meeting to come) still open from earlier ones; empty for overseers. */
  action_items: ActionItem[];
  carried_over: ActionItem[];
  created_at: string;
  updated_at: string;
}

/** `from_slot`: the time was picked from the group's free slots (it must suit everyone). */
export type GroupMeetingInput = MeetingInput;

export interface GroupMeetingLogInput {
  outcome: 'held' | 'missed';
  duration_minutes?: number;
  mode?: MeetingMode;
  topics?: string;
  attended: string[];
  /** Each owned by the mentor or an invited mentee (`owner`: their employee id). */
  action_items?: { text: string; owner: string; due_date: string }[];
}

export const groupMeetingKeys = {
  list: (relationshipId: number) => ['relationships', relationshipId, 'group', 'meetings'] as const,
  slots: (relationshipId: number, duration: number) =>
    ['relationships', relationshipId, 'group', 'free-slots', duration] as const,
};

/** The times that suit the mentor and every active mentee (the group's mentor asks). */
export function useGroupFreeSlots(relationshipId: number, duration: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: groupMeetingKeys.slots(relationshipId, duration),
    queryFn: ({ signal }) =>
      api.get<{ items: FreeSlot[] }>(`/relationships/${relationshipId}/group/free-slots`, {
        signal,
        query: { duration_minutes: duration, limit: 12 },
      }),
  });
}

export function useGroupMeetings(relationshipId: number, enabled = true) {
  return useQuery({
    queryKey: groupMeetingKeys.list(relationshipId),
    queryFn: ({ signal }) =>
      api.get<{ items: GroupMeeting[] }>(`/relationships/${relationshipId}/group/meetings`, { signal }),
    enabled,
  });
}

export function proposeGroupMeeting(relationshipId: number, input: GroupMeetingInput): Promise<GroupMeeting> {
  return api.post<GroupMeeting>(`/relationships/${relationshipId}/group/meetings`, input);
}

export function rescheduleGroupMeeting(
  relationshipId: number,
  meeting: number,
  input: GroupMeetingInput,
): Promise<GroupMeeting> {
  return api.post<GroupMeeting>(`/relationships/${relationshipId}/group/meetings/${meeting}/reschedule`, input);
}

export function cancelGroupMeeting(relationshipId: number, meeting: number): Promise<GroupMeeting> {
  return api.post<GroupMeeting>(`/relationships/${relationshipId}/group/meetings/${meeting}/cancel`);
}

export function respondToGroupMeeting(
  relationshipId: number,
  meeting: number,
  response: 'accepted' | 'declined',
): Promise<GroupMeeting> {
  return api.post<GroupMeeting>(`/relationships/${relationshipId}/group/meetings/${meeting}/respond`, { response });
}

export function logGroupMeeting(relationshipId: number, meeting: number, log: GroupMeetingLogInput): Promise<GroupMeeting> {
  return api.post<GroupMeeting>(`/relationships/${relationshipId}/group/meetings/${meeting}/log`, log);
}
