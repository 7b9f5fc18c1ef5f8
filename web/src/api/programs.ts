// Programs: GET/POST /programs, GET/PUT /programs/{id}, status actions, eligibility counts and
// the mentor's own capacity (api/openapi.yaml, tag "programs").
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const PROGRAM_TYPES = [
  { value: 'one_on_one', label: 'One-on-one (coordinator-matched pairs)' },
  { value: 'group', label: 'Group (one mentor, several mentees)' },
  { value: 'self_match', label: 'Self-match (mentees choose, mentors accept)' },
  { value: 'training', label: 'Training-based (linked to a course)' },
  { value: 'reverse', label: 'Reverse (the junior side mentors)' },
  { value: 'virtual', label: 'Virtual (remote, one meeting in person)' },
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number]['value'];

export const PROGRAM_NEEDS = [
  { value: 'onboarding', label: 'Onboarding' },
  { value: 'skills_transfer', label: 'Skills transfer' },
  { value: 'career_development', label: 'Career development' },
  { value: 'leadership', label: 'Leadership / high potential' },
  { value: 'diversity', label: 'Diversity' },
  { value: 'knowledge_transfer', label: 'Knowledge transfer' },
  { value: 'retention', label: 'Retention' },
  { value: 'customer_service', label: 'Customer service' },
  { value: 'culture_change', label: 'Culture change' },
  { value: 'other', label: 'Other' },
] as const;
export type ProgramNeed = (typeof PROGRAM_NEEDS)[number]['value'];

export type ProgramStatus = 'draft' | 'open' | 'closed' | 'archived';
export type MeetingCadence = 'weekly' | 'biweekly' | 'monthly';

export function typeLabel(type: string): string {
  return PROGRAM_TYPES.find((t) => t.value === type)?.label.split(' (')[0] ?? type;
}
export function needLabel(need: string): string {
  return PROGRAM_NEEDS.find((n) => n.value === need)?.label ?? need;
}

export interface EligibilityRules {
  departments: string[];
  sites: string[];
  min_level: number | null;
  max_level: number | null;
  min_tenure_months: number | null;
  statuses: ('active' | 'leave')[];
  employee_ids: string[];
}

export interface MentorCapacity {
  mentees: number;
  hours_per_month: number;
}

/** What a coordinator writes (POST and PUT bodies). */
export interface ProgramFields {
  name: string;
  description: string;
  type: ProgramType;
  need: ProgramNeed;
  objectives: string;
  measures: string[];
  start_date: string;
  end_date: string;
  enrollment_opens: string;
  enrollment_closes: string;
  relationship_months: number;
  meeting_cadence: MeetingCadence;
  coordinators: string[];
  shadow_mentors: string[];
  group: { min_size: number; max_size: number } | null;
  training: { course: string; skills: string[] } | null;
  mentor_capacity: MentorCapacity;
  eligibility: { mentor: EligibilityRules; mentee: EligibilityRules };
  requires_mentor_credential: boolean;
  manager_approval: boolean;
  max_ranked_choices: number;
  request_expiry_days: number;
}

export interface ProgramSummary {
  id: number;
  name: string;
  type: ProgramType;
  need: ProgramNeed;
  status: ProgramStatus;
  start_date: string;
  end_date: string;
  enrollment_opens: string;
  enrollment_closes: string;
}

export interface SideEligibility {
  eligible: boolean;
  rule?: string;
  message?: string;
}

export interface ProgramPerson {
  employee_id: string;
  name: string;
}

/** A shadow mentor; one whose mentor credential has lapsed mentors no one until it is renewed. */
export interface ShadowMentor extends ProgramPerson {
  credential_lapsed: boolean;
}

export interface Program
  extends Omit<ProgramFields, 'coordinators' | 'shadow_mentors'>,
    Omit<ProgramSummary, keyof ProgramFields> {
  coordinators: ProgramPerson[];
  shadow_mentors: ShadowMentor[];
  created_at: string;
  updated_at: string;
  me: { coordinator: boolean; mentor_eligible: SideEligibility; mentee_eligible: SideEligibility };
}

export interface EligibilityCounts {
  mentor: { count: number };
  mentee: { count: number };
}

export type ProgramListView = 'running' | 'joinable' | 'all';

export function usePrograms(view: ProgramListView) {
  return useQuery({
    queryKey: ['programs', view],
    queryFn: ({ signal }) =>
      api.get<{ items: ProgramSummary[] }>('/programs', { query: { view }, signal }),
  });
}

export const programQueryKey = (id: number) => ['program', id] as const;

export function useProgram(id: number) {
  return useQuery({
    queryKey: programQueryKey(id),
    queryFn: ({ signal }) => api.get<Program>(`/programs/${id}`, { signal }),
  });
}

export function createProgram(fields: ProgramFields): Promise<Program> {
  return api.post<Program>('/programs', fields);
}

export function updateProgram(id: number, fields: ProgramFields): Promise<Program> {
  return api.put<Program>(`/programs/${id}`, fields);
}

export function moveProgram(id: number, action: 'open' | 'close' | 'archive'): Promise<Program> {
  return api.post<Program>(`/programs/${id}/${action}`);
}

export function previewEligibility(
  mentor: EligibilityRules,
  mentee: EligibilityRules,
  signal?: AbortSignal,
): Promise<EligibilityCounts> {
  return api.post<EligibilityCounts>(
    '/programs/eligibility-preview',
    { mentor, mentee },
    signal ? { signal } : {},
  );
}

export function useProgramEligibility(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['program', id, 'eligibility'],
    queryFn: ({ signal }) => api.get<EligibilityCounts>(`/programs/${id}/eligibility`, { signal }),
    enabled,
  });
}

export function useMyCapacity(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['program', id, 'capacity'],
    queryFn: ({ signal }) => api.get<MentorCapacity>(`/programs/${id}/capacity/me`, { signal }),
    enabled,
  });
}

export function setMyCapacity(id: number, capacity: MentorCapacity): Promise<MentorCapacity> {
  return api.put<MentorCapacity>(`/programs/${id}/capacity/me`, capacity);
}

/** A program's fields as a form starts them (from a program, or for a new one). */
export function fieldsOf(program: Program): ProgramFields {
  return {
    name: program.name,
    description: program.description,
    type: program.type,
    need: program.need,
    objectives: program.objectives,
    measures: program.measures,
    start_date: program.start_date,
    end_date: program.end_date,
    enrollment_opens: program.enrollment_opens,
    enrollment_closes: program.enrollment_closes,
    relationship_months: program.relationship_months,
    meeting_cadence: program.meeting_cadence,
    coordinators: program.coordinators.map((p) => p.employee_id),
    shadow_mentors: program.shadow_mentors.map((p) => p.employee_id),
    group: program.group,
    training: program.training,
    mentor_capacity: program.mentor_capacity,
    eligibility: program.eligibility,
    requires_mentor_credential: program.requires_mentor_credential,
    manager_approval: program.manager_approval,
    max_ranked_choices: program.max_ranked_choices,
    request_expiry_days: program.request_expiry_days,
  };
}
