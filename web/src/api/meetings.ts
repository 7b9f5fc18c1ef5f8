// Meetings of a relationship: weekly availability, mutual free slots, proposals and answers
// (src/api/handlers/meeting_handlers.cpp; api/openapi.yaml, tag "meetings").
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_WORDS: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export interface AvailabilityWindow {
  weekday: Weekday;
  start: string; // "09:00"
  end: string; // "12:30"; "24:00" ends the day
}

export interface Availability {
  employee_id: string;
  time_zone: string;
  windows: AvailabilityWindow[];
  updated_at: string | null;
}

export interface LocalTime {
  role: 'mentor' | 'mentee';
  employee_id: string;
  time_zone: string;
  starts_at: string; // "2026-03-09T10:00:00-04:00"
  ends_at: string;
}

export interface FreeSlot {
  starts_at: string;
  ends_at: string;
  local: LocalTime[];
}

export type MeetingMode = 'virtual' | 'in_person' | 'phone';
export const MODE_WORDS: Record<MeetingMode, string> = {
  virtual: 'Video call',
  in_person: 'In person',
  phone: 'Phone',
};

export type MeetingStatus = 'proposed' | 'scheduled' | 'cancelled' | 'held' | 'missed';
export const STATUS_WORDS: Record<MeetingStatus, string> = {
  proposed: 'Proposed',
  scheduled: 'Scheduled',
  cancelled: 'Cancelled',
  held: 'Held',
  missed: 'Did not happen',
};

export interface ActionItem {
  id: number;
  meeting_id: number;
  text: string;
  owner: 'mentor' | 'mentee';
  due_date: string;
  done: boolean;
  done_at: string | null;
  created_by: string;
  created_at: string;
  /** An item of a group meeting: where it was raised and who owns it (else null). */
  group_meeting_id?: number | null;
  owner_id?: string | null;
}

export interface MeetingLogView {
  duration_minutes: number | null;
  topics: string;
  logged_by: string;
  logged_at: string;
}

export interface Meeting {
  log: MeetingLogView | null;
  action_items: ActionItem[];
  carried_over: ActionItem[];
  id: number;
  relationship_id: number;
  status: MeetingStatus;
  mode: MeetingMode;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  location: string;
  video_url: string;
  agenda: string;
  proposed_by: string;
  organizer: string;
  sequence: number;
  mentor: { employee_id: string; name: string };
  mentee: { employee_id: string; name: string };
  role: 'mentor' | 'mentee';
  awaiting_me: boolean;
  created_at: string;
  updated_at: string;
}

export interface MeetingInput {
  starts_at: string;
  duration_minutes?: number;
  mode?: MeetingMode;
  location?: string;
  video_url?: string;
  agenda?: string;
  from_slot?: boolean;
}

export const meetingKeys = {
  availability: ['me', 'availability'] as const,
  slots: (relationship: number, duration: number) => ['relationships', relationship, 'free-slots', duration] as const,
  meetings: (relationship: number) => ['relationships', relationship, 'meetings'] as const,
  actionItems: (relationship: number) => ['relationships', relationship, 'action-items'] as const,
};

export function useMyAvailability() {
  return useQuery({
    queryKey: meetingKeys.availability,
    queryFn: ({ signal }) => api.get<Availability>('/me/availability', { signal }),
  });
}

export function saveMyAvailability(windows: AvailabilityWindow[]): Promise<Availability> {
  return api.put<Availability>('/me/availability', { windows });
}

export function useFreeSlots(relationship: number, duration: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: meetingKeys.slots(relationship, duration),
    queryFn: ({ signal }) =>
      api.get<{ items: FreeSlot[] }>(`/relationships/${relationship}/free-slots`, {
        signal,
        query: { duration_minutes: duration, limit: 12 },
      }),
  });
}

export function useMeetings(relationship: number) {
  return useQuery({
    queryKey: meetingKeys.meetings(relationship),
    queryFn: ({ signal }) => api.get<{ items: Meeting[] }>(`/relationships/${relationship}/meetings`, { signal }),
  });
}

export function proposeMeeting(relationship: number, input: MeetingInput): Promise<Meeting> {
  return api.post<Meeting>(`/relationships/${relationship}/meetings`, input);
}

export type MeetingAction = 'accept' | 'cancel';
export function answerMeeting(relationship: number, meeting: number, action: MeetingAction): Promise<Meeting> {
  return api.post<Meeting>(`/relationships/${relationship}/meetings/${meeting}/${action}`);
}

export function changeMeeting(
  relationship: number,
  meeting: number,
  kind: 'counter' | 'reschedule',
  input: MeetingInput,
): Promise<Meeting> {
  return api.post<Meeting>(`/relationships/${relationship}/meetings/${meeting}/${kind}`, input);
}

/** "Mon 9 Mar, 10:00–11:00" for a span, on the clock of `timeZone` (the viewer's own). */
export function formatSpan(startIso: string, endIso: string, timeZone: string | undefined): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const day = start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time(start)}–${time(end)}`;
}

export interface MeetingLogInput {
  outcome: 'held' | 'missed';
  duration_minutes?: number;
  mode?: MeetingMode;
  topics?: string;
  action_items?: { text: string; owner: 'mentor' | 'mentee'; due_date: string }[];
}

export function logMeeting(relationship: number, meeting: number, log: MeetingLogInput): Promise<Meeting> {
  return api.post<Meeting>(`/relationships/${relationship}/meetings/${meeting}/log`, log);
}

/** The relationship's action items: open ones first, then by due date. */
export function useActionItems(relationship: number) {
  return useQuery({
    queryKey: meetingKeys.actionItems(relationship),
    queryFn: ({ signal }) => api.get<{ items: ActionItem[] }>(`/relationships/${relationship}/action-items`, { signal }),
  });
}

/** A pair's item, or a group meeting's (ticked off through the group's route). */
export function setActionItemDone(relationship: number, item: number, done: boolean, group = false): Promise<ActionItem> {
  return api.put<ActionItem>(`/relationships/${relationship}/${group ? 'group/' : ''}action-items/${item}/done`, { done });
}

export interface FeedState {
  exists: boolean;
  created_at?: string | null;
  path?: string;
}

export function useMyCalendarFeed() {
  return useQuery({
    queryKey: ['me', 'calendar-feed'],
    queryFn: ({ signal }) => api.get<FeedState>('/me/calendar-feed', { signal }),
  });
}

export function resetMyCalendarFeed(): Promise<FeedState> {
  return api.post<FeedState>('/me/calendar-feed');
}

export function revokeMyCalendarFeed(): Promise<void> {
  return api.delete<void>('/me/calendar-feed');
}
