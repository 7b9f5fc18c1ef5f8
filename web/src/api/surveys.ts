import { api, apiUrl } from './client';
import type { Answers, Question } from './applications';

/** Surveys (issue 23; docs/surveys.md). */

export type SurveyKind = 'start' | 'midpoint' | 'end' | 'pulse' | 'closure' | 'after_meeting';
export type SurveyPrivacy = 'anonymous' | 'confidential';
export type SurveyAudience = 'mentors' | 'mentees' | 'both';
export type SurveyAnchor =
  | 'after_start'
  | 'halfway'
  | 'before_end'
  | 'every'
  | 'after_ending'
  | 'after_meeting'
  | 'after_program_start'
  | 'before_program_end';
export type ResultDimension = 'side' | 'department' | 'site' | 'level';

export const KIND_WORDS: Record<SurveyKind, string> = {
  start: 'Start',
  midpoint: 'Mid-point',
  end: 'End',
  pulse: 'Pulse',
  closure: 'Closure (ended early)',
  after_meeting: 'After a meeting',
};

export const PRIVACY_WORDS: Record<SurveyPrivacy, string> = {
  anonymous: 'Anonymous',
  confidential: 'Confidential',
};

export const AUDIENCE_WORDS: Record<SurveyAudience, string> = {
  mentors: 'Mentors',
  mentees: 'Mentees',
  both: 'Mentors and mentees',
};

export const ANCHOR_WORDS: Record<SurveyAnchor, string> = {
  after_start: 'Days after the relationship starts',
  halfway: 'Halfway through the relationship',
  before_end: 'Days before the relationship ends',
  every: 'Every so many days (pulse)',
  after_ending: 'Days after a relationship ends early',
  after_meeting: 'Days after each meeting is logged',
  after_program_start: 'Days after the program starts',
  before_program_end: 'Days before the program ends',
};

export const DIMENSION_WORDS: Record<ResultDimension, string> = {
  side: 'Side',
  department: 'Department',
  site: 'Site',
  level: 'Level',
};

/** The question types a survey asks with (no skills or mentors). */
export const SURVEY_QUESTION_TYPES: { value: Question['type']; label: string }[] = [
  { value: 'nps', label: 'Would recommend, 0 to 10' },
  { value: 'scale', label: 'Scale 1 to 5' },
  { value: 'matrix', label: 'Several items on a 1 to 5 scale' },
  { value: 'single_choice', label: 'One choice' },
  { value: 'multiple_choice', label: 'Several choices' },
  { value: 'short_text', label: 'Short text' },
  { value: 'long_text', label: 'Long text' },
];

export interface SurveySchedule {
  anchor: SurveyAnchor;
  days: number;
  open_days: number;
  reminder_days: number;
}

export interface SurveyFields {
  title: string;
  intro: string;
  kind: SurveyKind;
  privacy: SurveyPrivacy;
  audience: SurveyAudience;
  schedule: SurveySchedule;
  min_group: number;
  active: boolean;
  questions: Question[];
}

export interface Survey extends SurveyFields {
  id: number;
  program_id: number;
  version: number;
  created_at: string;
}

export interface SurveyToAnswer {
  invitation_id?: number;
  survey_id: number;
  title: string;
  intro: string;
  program_name: string;
  kind: SurveyKind;
  privacy: SurveyPrivacy;
  side: 'mentor' | 'mentee';
  questions: Question[];
  closes_at: string;
  answered: boolean;
  closed: boolean;
  own_answers: Answers | null;
}

export interface QuestionResult {
  id: string;
  type: Question['type'];
  label: string;
  options: string[];
  answered: number;
  hidden: boolean;
  counts: { value: string; count: number }[];
  mean: number | null;
  nps: number | null;
  matrix: number[][];
  texts: string[];
}

export interface SurveyResults {
  min_group: number;
  invited: number;
  responses: number;
  hidden: boolean;
  by: string;
  group: string | null;
  groups: { group: string; hidden: boolean; responses: number }[];
  questions: QuestionResult[];
}

export function listSurveys(programId: number, signal?: AbortSignal) {
  return api.get<{ items: Survey[] }>(`/programs/${programId}/surveys`, signal ? { signal } : {});
}

export function createSurvey(programId: number, fields: SurveyFields) {
  return api.post<Survey>(`/programs/${programId}/surveys`, fields);
}

export function updateSurvey(id: number, fields: SurveyFields) {
  return api.put<Survey>(`/surveys/${id}`, fields);
}

export function getResults(id: number, by: ResultDimension | '', group: string | null, signal?: AbortSignal) {
  return api.get<SurveyResults>(`/surveys/${id}/results`, {
    query: { by: by || undefined, group: group ?? undefined },
    ...(signal ? { signal } : {}),
  });
}

/**
 * The address of a survey's results as a file, for the same selection as the page: aggregates
 * only (small groups hidden, never the free-text answers).
 */
export function surveyResultsExportUrl(
  id: number,
  by: ResultDimension | '',
  group: string | null,
  format: 'csv' | 'xlsx',
): string {
  return apiUrl(`/surveys/${id}/results/export`, { format, by: by || undefined, group: group ?? undefined });
}

export function mySurveys(signal?: AbortSignal) {
  return api.get<{ items: SurveyToAnswer[] }>('/me/surveys', signal ? { signal } : {});
}

export function mySurvey(invitationId: number, signal?: AbortSignal) {
  return api.get<SurveyToAnswer>(`/me/surveys/${invitationId}`, signal ? { signal } : {});
}

export function answerMySurvey(invitationId: number, answers: Answers) {
  return api.post<{ answered: boolean }>(`/me/surveys/${invitationId}/answers`, { answers });
}

export function surveyByLink(token: string, signal?: AbortSignal) {
  return api.get<SurveyToAnswer>(`/survey-links/${encodeURIComponent(token)}`, signal ? { signal } : {});
}

export function answerByLink(token: string, answers: Answers) {
  return api.post<{ answered: boolean }>(`/survey-links/${encodeURIComponent(token)}/answers`, { answers });
}

/** The surveys a new one starts from, written for each moment (the server keeps them). */
export function surveyDefaults(programId: number, signal?: AbortSignal) {
  return api.get<{ items: SurveyFields[] }>(`/programs/${programId}/survey-defaults`, signal ? { signal } : {});
}
