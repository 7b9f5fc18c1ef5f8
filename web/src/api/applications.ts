// Forms, applications, review, nominations and the manager's view (api/openapi.yaml, tag
// "applications").
import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from './client';

export type Side = 'mentor' | 'mentee';
export type QuestionType =
  | 'short_text'
  | 'long_text'
  | 'single_choice'
  | 'multiple_choice'
  | 'scale'
  | 'skills'
  | 'ranked_mentors'
  | 'date'
  | 'nps'
  | 'matrix';

export const QUESTION_TYPES: { value: QuestionType; label: string }[] = [
  { value: 'short_text', label: 'Short text' },
  { value: 'long_text', label: 'Long text' },
  { value: 'single_choice', label: 'One choice' },
  { value: 'multiple_choice', label: 'Several choices' },
  { value: 'scale', label: 'Scale 1 to 5' },
  { value: 'skills', label: 'Skills (taxonomy)' },
  { value: 'ranked_mentors', label: 'Mentors, ranked' },
  { value: 'date', label: 'Date' },
];

export interface Question {
  id: string;
  type: QuestionType;
  label: string;
  help: string;
  required: boolean;
  options: string[];
}

export interface Form {
  program_id: number;
  side: Side;
  version: number;
  questions: Question[];
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export type ApplicationStatus = 'submitted' | 'approved' | 'declined' | 'withdrawn';

export interface Applicant {
  employee_id: string;
  name: string;
  job_title: string;
  department: string;
  level: number;
}

export interface ApplicationRow {
  id: number;
  program_id: number;
  program_name: string;
  side: Side;
  status: ApplicationStatus;
  applicant: Applicant;
  nominated: boolean;
  manager_approval: 'not_needed' | 'pending' | 'approved' | 'declined';
  submitted_at: string;
  updated_at: string;
}

export interface Application extends ApplicationRow {
  form_version: number;
  questions: Question[];
  answers: Answers;
  decision_message: string;
}

export interface ReviewPage {
  items: ApplicationRow[];
  total: number;
  counts: Record<ApplicationStatus, number>;
}

export interface MyApplication {
  id: number;
  program: { id: number; name: string; type: string; status: string };
  side: Side;
  status: ApplicationStatus;
  nominated: boolean;
  manager_approval: string;
  submitted_at: string;
}

export interface TeamEntry {
  application_id: number;
  person: Applicant;
  program: { id: number; name: string };
  side: Side;
  status: ApplicationStatus;
  manager_approval: 'not_needed' | 'pending' | 'approved' | 'declined';
  direct_report: boolean;
  /** Set when approved and in an active relationship: the other side, and since when. */
  matched_with: Applicant | null;
  matched_since: string | null;
}

export function useApplicationForm(programId: number, side: Side) {
  return useQuery({
    queryKey: ['form', programId, side],
    queryFn: ({ signal }) => api.get<Form>(`/programs/${programId}/forms/${side}`, { signal }),
  });
}

export function saveForm(programId: number, side: Side, questions: Question[]): Promise<Form> {
  return api.put<Form>(`/programs/${programId}/forms/${side}`, { questions });
}

export function apply(programId: number, side: Side, answers: Answers): Promise<Application> {
  return api.post<Application>(`/programs/${programId}/applications`, { side, answers });
}

export function useApplication(id: number) {
  return useQuery({
    queryKey: ['application', id],
    queryFn: ({ signal }) => api.get<Application>(`/applications/${id}`, { signal }),
  });
}

export function updateAnswers(id: number, answers: Answers): Promise<Application> {
  return api.put<Application>(`/applications/${id}`, { answers });
}

export function withdraw(id: number): Promise<Application> {
  return api.post<Application>(`/applications/${id}/withdraw`);
}

export interface ReviewFilter {
  side?: Side | '';
  status?: ApplicationStatus | '';
  q?: string;
  sort?: 'submitted_at' | 'name' | 'department';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** The address of the review table as a file: every application its filters keep, never answers. */
export function reviewExportUrl(programId: number, filter: ReviewFilter, format: 'csv' | 'xlsx'): string {
  return apiUrl(`/programs/${programId}/applications/export`, {
    format,
    side: filter.side || undefined,
    status: filter.status || undefined,
    q: filter.q || undefined,
    sort: filter.sort,
    order: filter.order,
  });
}

export function useReview(programId: number, filter: ReviewFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['review', programId, filter],
    queryFn: ({ signal }) =>
      api.get<ReviewPage>(`/programs/${programId}/applications`, {
        query: {
          side: filter.side || undefined,
          status: filter.status || undefined,
          q: filter.q || undefined,
          sort: filter.sort,
          order: filter.order,
          offset: filter.offset,
          limit: filter.limit,
        },
        signal,
      }),
    enabled,
  });
}

export function decide(
  programId: number,
  ids: number[],
  decision: 'approve' | 'decline',
  message: string,
): Promise<{ updated: number }> {
  return api.post(`/programs/${programId}/applications/review`, {
    application_ids: ids,
    decision,
    message,
  });
}

export function nominate(programId: number, side: Side, employeeIds: string[]): Promise<{ updated: number }> {
  return api.post(`/programs/${programId}/nominations`, { side, employee_ids: employeeIds });
}

export function useMyApplications() {
  return useQuery({
    queryKey: ['me', 'applications'],
    queryFn: ({ signal }) => api.get<{ items: MyApplication[] }>('/me/applications', { signal }),
  });
}

export function useMyTeam() {
  return useQuery({
    queryKey: ['me', 'team'],
    queryFn: ({ signal }) => api.get<{ items: TeamEntry[] }>('/me/team', { signal }),
  });
}

export function managerApproval(applicationId: number, approve: boolean): Promise<TeamEntry> {
  return api.post<TeamEntry>(`/applications/${applicationId}/manager-approval`, { approve });
}

interface MentorChoice {
  employee_id: string;
  name: string;
  job_title: string;
  department: { code: string; name: string } | null;
}

/**
 * GET /programs/{id}/mentor-choices: the mentors a mentee of the program may rank, as a person
 * picker's search. The server refuses anyone else in a ranked answer.
 */
export function mentorChoicesSearch(programId: number) {
  return async (q: string, signal: AbortSignal) => {
    const page = await api.get<{ items: MentorChoice[] }>(`/programs/${programId}/mentor-choices`, {
      query: { q: q || undefined, limit: 20 },
      signal,
    });
    return page.items.map((m) => ({
      employee_id: m.employee_id,
      name: m.name,
      job_title: m.job_title,
      department: m.department?.name ?? null,
    }));
  };
}
