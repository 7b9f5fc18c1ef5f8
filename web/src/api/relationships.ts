// The relationship itself: its page (what the caller's relation allows), the agreement both sides
// accept, the no-fault ending, completion, the coordinator's rematch of an ended pair's mentee,
// the program's agreement template and its relationships table (paged on the server).
import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from './client';
import type { PersonRef } from './matching';

export type RelationshipStatus = 'pending_agreement' | 'active' | 'completed' | 'ended_early';
export type MeetingMode = 'virtual' | 'in_person' | 'mixed';
export type EndReason = 'no_time' | 'mismatch' | 'goals_met' | 'left_organization' | 'other';

export interface RelationshipSummary {
  id: number;
  /** `type` "group": the relationship belongs to the mentor's group (api/groups.ts). */
  program: { id: number; name: string; type: string };
  mentor: PersonRef;
  mentee: PersonRef;
  role: 'mentor' | 'mentee' | 'coordinator' | 'shadow_mentor' | 'admin' | 'manager';
  status: RelationshipStatus;
  score: number;
  explanation: string;
  started_at: string;
  activated_at: string | null;
  ended_at: string | null;
  end_reason: string;
  mentor_completed: boolean;
  mentee_completed: boolean;
}

/** A row of a program's relationships table: the pair's activity, counted (never goal text). */
export interface ProgramRelationshipRow extends RelationshipSummary {
  meetings_held: number;
  last_meeting_at: string | null;
  goals: number;
  goals_completed: number;
  goal_progress: number;
}

export interface AgreementTerms {
  confidentiality: string;
  cadence_days: number;
  length_months: number;
  mode: MeetingMode;
  how_to_end: string;
}

export interface AgreementState extends AgreementTerms {
  version: number;
  mentor_accepted: boolean;
  mentee_accepted: boolean;
  adjusted_by: string;
  end_date: string | null;
}

export interface RelationshipDetail extends Omit<RelationshipSummary, 'end_reason'> {
  program: { id: number; name: string; type: string };
  hours_per_month: number;
  face_to_face_suggested: boolean;
  agreement: AgreementState | null;
  end_reason: string | null;
  ended_by_name: string;
  end_comment?: string;
  relations: { mentor: boolean; mentee: boolean; coordinator: boolean; shadow_mentor: boolean; manager: boolean };
}

export interface AgreementTemplate extends AgreementTerms {
  updated_by: string;
  updated_at: string | null;
}

export const MODE_LABELS: Record<MeetingMode, string> = {
  virtual: 'Virtual (video or phone)',
  in_person: 'In person',
  mixed: 'Mixed',
};

export const END_REASON_LABELS: Record<string, string> = {
  no_time: 'No time',
  mismatch: 'Not a good match',
  goals_met: 'Goals met',
  left_organization: 'Left the organization',
  other: 'Another reason',
  rematch: 'Rematched by the coordinator',
  completed: 'Completed',
};

export const STATUS_LABELS: Record<RelationshipStatus, string> = {
  pending_agreement: 'Agreement to accept',
  active: 'Active',
  completed: 'Completed',
  ended_early: 'Ended early',
};

export const relationshipKeys = {
  mine: ['me', 'relationships'] as const,
  one: (id: number) => ['relationships', id] as const,
  program: (programId: number) => ['programs', programId, 'relationships'] as const,
  template: (programId: number) => ['programs', programId, 'agreement-template'] as const,
};

export function useRelationship(id: number) {
  return useQuery({
    queryKey: relationshipKeys.one(id),
    queryFn: ({ signal }) => api.get<RelationshipDetail>(`/relationships/${id}`, { signal }),
  });
}

export function useMyRelationshipList() {
  return useQuery({
    queryKey: relationshipKeys.mine,
    queryFn: ({ signal }) => api.get<{ items: RelationshipSummary[] }>('/me/relationships', { signal }),
  });
}

/** The address of the program's relationships as a file: every one its filters keep. */
export function relationshipsExportUrl(
  programId: number,
  filter: { status: RelationshipStatus | null; person: string | null },
  format: 'csv' | 'xlsx',
): string {
  return apiUrl(`/programs/${programId}/relationships/export`, {
    format,
    status: filter.status ?? undefined,
    person: filter.person ?? undefined,
  });
}

export function useProgramRelationshipPage(
  programId: number,
  query: { status: RelationshipStatus | null; person: string | null; offset: number; limit: number },
  enabled = true,
) {
  return useQuery({
    queryKey: [...relationshipKeys.program(programId), query],
    queryFn: ({ signal }) =>
      api.get<{ items: ProgramRelationshipRow[]; total: number }>(`/programs/${programId}/relationships`, {
        signal,
        query: {
          status: query.status ?? undefined,
          person: query.person ?? undefined,
          offset: query.offset,
          limit: query.limit,
        },
      }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useAgreementTemplate(programId: number, enabled = true) {
  return useQuery({
    queryKey: relationshipKeys.template(programId),
    queryFn: ({ signal }) => api.get<AgreementTemplate>(`/programs/${programId}/agreement-template`, { signal }),
    enabled,
  });
}

export function saveAgreementTemplate(programId: number, terms: AgreementTerms): Promise<AgreementTemplate> {
  return api.put<AgreementTemplate>(`/programs/${programId}/agreement-template`, terms);
}

export function acceptAgreement(
  id: number,
  body: { version: number; cadence_days?: number; mode?: MeetingMode },
): Promise<RelationshipDetail> {
  return api.post<RelationshipDetail>(`/relationships/${id}/agreement/accept`, body);
}

export function endRelationship(id: number, reason: EndReason, comment: string): Promise<RelationshipDetail> {
  return api.post<RelationshipDetail>(`/relationships/${id}/end`, { reason, comment: comment || null });
}

export function completeRelationship(id: number): Promise<RelationshipDetail> {
  return api.post<RelationshipDetail>(`/relationships/${id}/complete`);
}

export function rematchMentee(id: number): Promise<{ proposal_id: number; program_id: number; status: string }> {
  return api.post(`/relationships/${id}/rematch`);
}

// ---- Goals ------------------------------------------------------------------------------

export interface Milestone {
  id: number;
  title: string;
  due_date: string | null;
  done: boolean;
  done_at: string | null;
}

export interface GoalFields {
  title: string;
  measure: string;
  target: string;
  relevance: string;
  skill?: string;
  due_date: string | null;
  progress_mode: 'manual' | 'milestones';
  progress: number;
}

export interface Goal extends GoalFields {
  id: number;
  version: number;
  skill: string;
  achievable_confirmed: boolean;
  completed: boolean;
  milestones: Milestone[];
  checks: string[];
  created_at: string;
  updated_at: string;
}

export interface GoalsView {
  count: number;
  average_progress: number;
  summaries: { progress: number; completed: boolean; milestones: number; milestones_done: number }[];
  items?: Goal[];
}

export interface GoalEvent {
  at: string;
  by: string;
  field: string;
  from: string;
  to: string;
}

export const goalKeys = {
  list: (relationshipId: number) => ['relationships', relationshipId, 'goals'] as const,
  history: (relationshipId: number, goalId: number) => ['relationships', relationshipId, 'goals', goalId, 'history'] as const,
};

export function useGoals(relationshipId: number) {
  return useQuery({
    queryKey: goalKeys.list(relationshipId),
    queryFn: ({ signal }) => api.get<GoalsView>(`/relationships/${relationshipId}/goals`, { signal }),
  });
}

export function useGoalHistory(relationshipId: number, goalId: number, enabled: boolean) {
  return useQuery({
    queryKey: goalKeys.history(relationshipId, goalId),
    queryFn: ({ signal }) =>
      api.get<{ items: GoalEvent[] }>(`/relationships/${relationshipId}/goals/${goalId}/history`, { signal }),
    enabled,
  });
}

const goalPath = (relationshipId: number, goalId: number) => `/relationships/${relationshipId}/goals/${goalId}`;

export function createGoal(relationshipId: number, fields: GoalFields): Promise<Goal> {
  return api.post<Goal>(`/relationships/${relationshipId}/goals`, fields);
}

export function updateGoal(relationshipId: number, goal: Goal, fields: GoalFields): Promise<Goal> {
  return api.put<Goal>(goalPath(relationshipId, goal.id), { ...fields, version: goal.version });
}

export function addMilestone(relationshipId: number, goal: Goal, title: string, dueDate: string | null): Promise<Goal> {
  return api.post<Goal>(`${goalPath(relationshipId, goal.id)}/milestones`, {
    version: goal.version,
    title,
    due_date: dueDate,
  });
}

export function setMilestoneDone(relationshipId: number, goal: Goal, milestoneId: number, done: boolean): Promise<Goal> {
  return api.put<Goal>(`${goalPath(relationshipId, goal.id)}/milestones/${milestoneId}`, { version: goal.version, done });
}

export function confirmGoal(
  relationshipId: number,
  goal: Goal,
  what: 'achievable' | 'completed',
  confirmed: boolean,
): Promise<Goal> {
  return api.post<Goal>(`${goalPath(relationshipId, goal.id)}/confirm`, { version: goal.version, what, confirmed });
}

// ---- Notes ------------------------------------------------------------------------------

export const MAX_NOTE_CHARS = 20000;

export interface Note {
  id: number;
  author: string;
  kind: 'private' | 'shared' | 'group';
  text: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Which notes: the relationship's own (private and shared) or, in a group program, its group's. */
export type NoteScope = 'relationship' | 'group';

function notesPath(relationshipId: number, scope: NoteScope): string {
  return `/relationships/${relationshipId}${scope === 'group' ? '/group' : ''}/notes`;
}

export const noteKeys = {
  list: (relationshipId: number, scope: NoteScope) => ['relationships', relationshipId, 'notes', scope] as const,
};

export function useNotes(relationshipId: number, scope: NoteScope, enabled = true) {
  return useQuery({
    queryKey: noteKeys.list(relationshipId, scope),
    queryFn: ({ signal }) => api.get<{ items: Note[] }>(notesPath(relationshipId, scope), { signal }),
    enabled,
  });
}

/** A group's notes have no other kind: `kind` is sent for the relationship's notes only. */
export function createNote(relationshipId: number, scope: NoteScope, kind: Note['kind'], text: string): Promise<Note> {
  return api.post<Note>(notesPath(relationshipId, scope), scope === 'group' ? { text } : { kind, text });
}

export function updateNote(relationshipId: number, scope: NoteScope, note: Note, text: string): Promise<Note> {
  return api.put<Note>(`${notesPath(relationshipId, scope)}/${note.id}`, { version: note.version, text });
}

export function deleteNote(relationshipId: number, scope: NoteScope, note: Note): Promise<void> {
  return api.delete<void>(`${notesPath(relationshipId, scope)}/${note.id}`);
}

// ---- Feedback and introductions ----------------------------------------------------------

export type FeedbackOccasion = 'pulse' | 'midpoint' | 'end';

export interface FeedbackAnswer {
  rating: number;
  comment: string;
  from: 'mentor' | 'mentee';
  created_at: string;
}

export interface FeedbackView {
  answers: number;
  rounds?: {
    occasion: FeedbackOccasion;
    round: number;
    mine: FeedbackAnswer | null;
    theirs: FeedbackAnswer | null;
    theirs_given: boolean;
  }[];
  from_mentor_average?: number | null;
  from_mentee_average?: number | null;
}

export interface Introduction {
  id: number;
  person: PersonRef;
  job_title: string;
  why: string;
  created_at: string;
}

export const OCCASION_LABELS: Record<FeedbackOccasion, string> = {
  pulse: 'After a meeting',
  midpoint: 'Halfway',
  end: 'At the end',
};

export const feedbackKeys = {
  list: (relationshipId: number) => ['relationships', relationshipId, 'feedback'] as const,
  introductions: (relationshipId: number) => ['relationships', relationshipId, 'introductions'] as const,
};

export function useFeedback(relationshipId: number) {
  return useQuery({
    queryKey: feedbackKeys.list(relationshipId),
    queryFn: ({ signal }) => api.get<FeedbackView>(`/relationships/${relationshipId}/feedback`, { signal }),
  });
}

export function giveFeedback(
  relationshipId: number,
  occasion: FeedbackOccasion,
  rating: number,
  comment: string,
): Promise<FeedbackView> {
  return api.post<FeedbackView>(`/relationships/${relationshipId}/feedback`, { occasion, rating, comment });
}

export function useIntroductions(relationshipId: number) {
  return useQuery({
    queryKey: feedbackKeys.introductions(relationshipId),
    queryFn: ({ signal }) =>
      api.get<{ count: number; items?: Introduction[] }>(`/relationships/${relationshipId}/introductions`, { signal }),
  });
}

export function introduce(relationshipId: number, employeeId: string, why: string): Promise<Introduction> {
  return api.post<Introduction>(`/relationships/${relationshipId}/introductions`, { employee_id: employeeId, why });
}
