import { api } from './client';

/** Relationship health, nudges and the scheduler (issue 22; docs/health.md). */

export type HealthLabel = 'on_track' | 'needs_attention' | 'at_risk';
export type HealthComponent =
  | 'cadence'
  | 'recency'
  | 'goals'
  | 'feedback'
  | 'responsiveness'
  | 'first_meeting';
export type HealthSide = 'both' | 'mentor' | 'mentee';

export const HEALTH_COMPONENTS: readonly HealthComponent[] = [
  'cadence',
  'recency',
  'goals',
  'feedback',
  'responsiveness',
  'first_meeting',
];

export const LABEL_WORDS: Record<HealthLabel, string> = {
  on_track: 'On track',
  needs_attention: 'Needs attention',
  at_risk: 'At risk',
};

/** The colour of each label, on the board and in charts. */
export const LABEL_COLORS: Record<HealthLabel, string> = { on_track: 'green', needs_attention: 'yellow', at_risk: 'red' };

export const COMPONENT_WORDS: Record<HealthComponent, string> = {
  cadence: 'Meetings against the agreed cadence',
  recency: 'Time since the last meeting',
  goals: 'Goal progress against time',
  feedback: 'Feedback',
  responsiveness: 'Answering meeting proposals',
  first_meeting: 'First meeting on time',
};

export const SIDE_WORDS: Record<HealthSide, string> = {
  both: 'Both',
  mentor: 'Mentor',
  mentee: 'Mentee',
};

export interface HealthReason {
  component: HealthComponent;
  side: HealthSide;
  words: string;
}

export interface RelationshipHealth {
  relationship_id: number;
  score: number;
  label: HealthLabel;
  grace: boolean;
  components: Record<HealthComponent, number | null>;
  reasons: HealthReason[];
  flagged_since: string | null;
  computed_at: string;
}

export interface Party {
  employee_id: string;
  name: string;
}

export interface HealthCounts {
  on_track: number;
  needs_attention: number;
  at_risk: number;
}

export interface HealthBoard {
  /** mentor_unresponsive: the coordinator may replace the mentor (replaceMentor). */
  items: (RelationshipHealth & { mentor: Party; mentee: Party; mentor_unresponsive: boolean })[];
  total: number;
  counts: HealthCounts;
}

export interface HealthBoardQuery {
  label?: HealthLabel | undefined;
  component?: HealthComponent | undefined;
  side?: HealthSide | undefined;
  offset: number;
  limit: number;
}

export function fetchHealthBoard(programId: number, q: HealthBoardQuery, signal?: AbortSignal) {
  return api.get<HealthBoard>(`/programs/${programId}/health`, {
    query: { label: q.label, component: q.component, side: q.side, offset: q.offset, limit: q.limit },
    ...(signal ? { signal } : {}),
  });
}

export interface HealthSettings {
  weights: Record<HealthComponent, number>;
  on_track_min: number;
  at_risk_below: number;
  grace_days: number;
  first_meeting_days: number;
  answer_days: number;
  max_nudges_per_week: number;
}

export interface NudgeStep {
  trigger: 'needs_attention' | 'at_risk';
  recipients: 'pair' | 'quiet_side' | 'mentor' | 'mentee' | 'shadow_mentor' | 'coordinator';
  delay_days: number;
  subject: string;
  body: string;
  enabled: boolean;
}

export interface HealthConfig {
  settings: HealthSettings;
  ladder: NudgeStep[];
  saved?: boolean;
}

export function fetchHealthConfig(programId: number, signal?: AbortSignal) {
  return api.get<HealthConfig>(`/programs/${programId}/health/settings`, signal ? { signal } : {});
}

export function saveHealthConfig(programId: number, config: HealthConfig) {
  return api.put<HealthConfig>(`/programs/${programId}/health/settings`, {
    settings: config.settings,
    ladder: config.ladder,
  });
}

export interface NudgePreview {
  relationship_id: number;
  step: number;
  recipient: Party;
  recipient_role: string;
  subject: string;
  body: string;
  already_sent: boolean;
  waits: boolean;
  opted_out: boolean;
}

export interface HealthPreview {
  changes: number;
  counts: HealthCounts;
  mails: NudgePreview[];
}

export function previewHealthConfig(programId: number, config: HealthConfig) {
  return api.post<HealthPreview>(`/programs/${programId}/health/preview`, {
    settings: config.settings,
    ladder: config.ladder,
  });
}

export function nudgePairs(programId: number, relationshipIds: number[]) {
  return api.post<{ sent: number }>(`/programs/${programId}/health/nudges`, {
    relationship_ids: relationshipIds,
  });
}

/**
 * Replaces an unresponsive mentor: the relationship ends without blame, the mentor is told kindly,
 * and the mentee's rematch is queued (the program's coordinators).
 */
export function replaceMentor(relationshipId: number) {
  return api.post<{ proposal_id: number; program_id: number; status: string }>(
    `/relationships/${relationshipId}/replace-mentor`,
  );
}

export interface SchedulerTick {
  period: string;
  status: 'running' | 'done' | 'failed';
  claimed_by: string;
  attempts: number;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  summary: string;
}

export function fetchSchedulerTicks(signal?: AbortSignal) {
  return api.get<{ items: SchedulerTick[] }>('/admin/scheduler', signal ? { signal } : {});
}

export interface TickReport {
  period: string;
  ran: boolean;
  summary: string;
}

export function runSchedulerTick() {
  return api.post<TickReport>('/admin/scheduler/run');
}

/** Whether the signed-in person turned off non-essential reminders (ladder nudges, meeting reminders). */
export function fetchMyReminders(signal?: AbortSignal) {
  return api.get<{ non_essential_off: boolean }>('/me/reminders', signal ? { signal } : {});
}

export function setMyReminders(off: boolean) {
  return api.put<{ non_essential_off: boolean }>('/me/reminders', { non_essential_off: off });
}

/** One day of the chart of labels over time: how many pairs had each label (the day's last tick). */
export interface HealthDay extends HealthCounts {
  /** "2026-12-07" (UTC). */
  day: string;
}

/** GET /programs/{id}/health/history: the last `days` days, oldest first; days without a tick left out. */
export function fetchHealthHistory(programId: number, days: number, signal?: AbortSignal) {
  return api.get<{ items: HealthDay[] }>(`/programs/${programId}/health/history`, {
    query: { days },
    ...(signal ? { signal } : {}),
  });
}

/** Hours a mentor logged in held meetings over the last 30 days against the hours a month they gave. */
export interface MentorLoad {
  employee_id: string;
  name: string;
  hours_last_30_days: number;
  capacity_hours: number;
  overloaded: boolean;
}

export function fetchMentorLoad(programId: number, signal?: AbortSignal) {
  return api.get<{ items: MentorLoad[] }>(`/programs/${programId}/health/mentor-load`, signal ? { signal } : {});
}
