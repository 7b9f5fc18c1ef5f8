// Mentor credentials (issue 21): the framework, a candidate's path through the seven steps, the
// reviewers' board, credentialed mentors' sign-offs and the credentials themselves. The server
// decides who sees what (evidence only to the candidate and reviewers).
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, apiRequest, apiUrl } from './client';
import type { PersonRef } from './matching';

export interface FrameworkStep {
  number: number;
  name: string;
  description: string;
  signed_by_credentialed: boolean;
}
export interface QuizOption {
  id: string;
  text: string;
}
export interface QuizQuestion {
  id: string;
  text: string;
  /** Several options are right; the candidate picks all of them. */
  multiple: boolean;
  options: QuizOption[];
  /** Admins only (the framework editor); never sent to candidates. */
  correct?: string[];
}
export interface Quiz {
  questions: QuizQuestion[];
  /** Questions answered right to pass. */
  pass_mark: number;
}
export interface TrainingTopic {
  code: string;
  name: string;
  content: string;
  /** The reflection question; empty when the module is completed by its quiz. */
  check: string;
  quiz: Quiz | null;
}
export interface QuizAnswer {
  question: string;
  options: string[];
}
/** One try at a module's quiz: the answers chosen and the score, never which were right. */
export interface QuizAttempt {
  id: number;
  topic: string;
  framework_version: number;
  answers: QuizAnswer[];
  score: number;
  total: number;
  pass_mark: number;
  passed: boolean;
  taken_at: string;
}
export interface Competency {
  code: string;
  name: string;
  description: string;
}
export interface RubricLevel {
  score: number;
  name: string;
  description: string;
}
export interface Framework {
  version: number;
  credential_name: string;
  steps: FrameworkStep[];
  topics: TrainingTopic[];
  competencies: Competency[];
  levels: RubricLevel[];
  passing_score: number;
  validity_months: number;
  created_at: string | null;
}

export type CandidateStatus = 'applied' | 'selected' | 'declined' | 'credentialed';

export interface SignOff {
  id: number;
  step: number;
  topic: string;
  signed_by: PersonRef;
  signed_at: string;
  evidence: string;
  scores: Record<string, number>;
  framework_version: number;
}

/** A file the candidate attached as evidence; its type was told from its bytes by the server. */
export interface EvidenceFile {
  id: number;
  step: number;
  name: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string;
}

export interface Candidate {
  id: number;
  employee_id: string;
  name: string;
  job_title: string;
  status: CandidateStatus;
  cohort: string;
  applied_at: string;
  updated_at: string;
  stuck: boolean;
  days_since_activity: number;
  progress: { done: boolean[]; next_step: number; topics_open: string[] };
  framework: Framework;
  with_evidence: boolean;
  motivation?: string;
  experience?: string;
  sign_offs?: SignOff[];
  /** With evidence only. */
  files?: EvidenceFile[];
  /** With evidence only: the steps that take files now. */
  file_steps?: number[];
  /** With evidence only: every quiz attempt, oldest first. */
  quiz_attempts?: QuizAttempt[];
}

export type CredentialStatus = 'current' | 'expired' | 'revoked';

export interface Credential {
  id: number;
  name: string;
  holder: PersonRef;
  status: CredentialStatus;
  issued_at: string;
  expires_at: string;
  founding: boolean;
  revoked_at: string | null;
  revoke_reason: string;
}

export interface MyCredential {
  candidacy: Candidate | null;
  credential: Credential | null;
  is_reviewer: boolean;
  holds_current: boolean;
  evidence_file_max_bytes: number;
  framework: Framework;
}

export interface Reviewer {
  employee_id: string;
  name: string;
  appointed_by: string;
  appointed_at: string;
}

export const CANDIDATE_STATUS_WORDS: Record<CandidateStatus, string> = {
  applied: 'Waiting for selection',
  selected: 'On the path',
  declined: 'Not selected',
  credentialed: 'Credentialed',
};

export const CREDENTIAL_STATUS_WORDS: Record<CredentialStatus, string> = {
  current: 'Current',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const credentialKeys = {
  all: ['credentials'] as const,
  mine: ['credentials', 'mine'] as const,
  framework: ['credentials', 'framework'] as const,
  board: ['credentials', 'board'] as const,
  toSign: ['credentials', 'to-sign'] as const,
  list: ['credentials', 'list'] as const,
  reviewers: ['credentials', 'reviewers'] as const,
  person: (employeeId: string) => ['credentials', 'person', employeeId] as const,
  candidate: (id: number) => ['credentials', 'candidate', id] as const,
};

export function useMyCredential() {
  return useQuery({
    queryKey: credentialKeys.mine,
    queryFn: ({ signal }) => api.get<MyCredential>('/me/credential', { signal }),
  });
}

export function useFramework() {
  return useQuery({
    queryKey: credentialKeys.framework,
    queryFn: ({ signal }) => api.get<Framework>('/credentials/framework', { signal }),
  });
}

export function useCandidateBoard(enabled = true) {
  return useQuery({
    queryKey: credentialKeys.board,
    queryFn: ({ signal }) => api.get<{ items: Candidate[] }>('/credentials/candidates', { signal }),
    enabled,
  });
}

export function useCandidatesToSign() {
  return useQuery({
    queryKey: credentialKeys.toSign,
    queryFn: ({ signal }) => api.get<{ items: Candidate[] }>('/credentials/to-sign', { signal }),
  });
}

/** One candidacy; with its evidence for the candidate and reviewers. */
export function useCandidate(id: number, enabled = true) {
  return useQuery({
    queryKey: credentialKeys.candidate(id),
    queryFn: ({ signal }) => api.get<Candidate>(`/credentials/candidates/${id}`, { signal }),
    enabled,
  });
}

export function useCredentials() {
  return useQuery({
    queryKey: credentialKeys.list,
    queryFn: ({ signal }) => api.get<{ items: Credential[] }>('/credentials', { signal }),
  });
}

export function useReviewers() {
  return useQuery({
    queryKey: credentialKeys.reviewers,
    queryFn: ({ signal }) => api.get<{ items: Reviewer[] }>('/credentials/reviewers', { signal }),
  });
}

/** A person's newest credential; null when they have none or the viewer may not see it. */
export function usePersonCredential(employeeId: string) {
  return useQuery({
    queryKey: credentialKeys.person(employeeId),
    queryFn: async ({ signal }) => {
      try {
        return (await api.get<{ credential: Credential | null }>(`/people/${encodeURIComponent(employeeId)}/credential`, { signal })).credential;
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) return null;
        throw e;
      }
    },
  });
}

export function applyForCredential(motivation: string, experience: string): Promise<Candidate> {
  return api.post<Candidate>('/credentials/candidates', { motivation, experience });
}

export function decideCandidate(id: number, decision: 'accept' | 'decline', cohort: string, reason: string): Promise<Candidate> {
  return api.post<Candidate>(`/credentials/candidates/${id}/decision`, { decision, cohort, reason });
}

export function completeTraining(id: number, topic: string, reflection: string): Promise<Candidate> {
  return api.post<Candidate>(`/credentials/candidates/${id}/training`, { topic, reflection });
}

export function takeQuiz(id: number, topic: string, answers: QuizAnswer[]): Promise<{ attempt: QuizAttempt; candidate: Candidate }> {
  return api.post<{ attempt: QuizAttempt; candidate: Candidate }>(`/credentials/candidates/${id}/quiz`, { topic, answers });
}

export function signOffStep(id: number, step: number, evidence: string, scores: Record<string, number>): Promise<Candidate> {
  return api.post<Candidate>(`/credentials/candidates/${id}/sign-offs`, { step, evidence, scores });
}

/** Sends the file as it is; the server tells its type from its bytes. */
export function attachEvidenceFile(candidateId: number, step: number, file: File): Promise<EvidenceFile> {
  return apiRequest<EvidenceFile>(`/credentials/candidates/${candidateId}/files`, {
    method: 'POST',
    raw: { content: file, contentType: file.type || 'application/octet-stream' },
    query: { step, name: file.name },
  });
}

export function removeEvidenceFile(id: number): Promise<void> {
  return api.delete<void>(`/credentials/files/${id}`);
}

/** The download address (always saved as a file, never shown in the page). */
export function evidenceFileUrl(id: number): string {
  return apiUrl(`/credentials/files/${id}`);
}

export function issueCredential(id: number): Promise<Credential> {
  return api.post<Credential>(`/credentials/candidates/${id}/credential`, {});
}

export function grantFoundingCredential(employeeId: string, reason: string): Promise<Credential> {
  return api.post<Credential>('/credentials/founding', { employee_id: employeeId, reason });
}

export function revokeCredential(id: number, reason: string): Promise<Credential> {
  return api.post<Credential>(`/credentials/${id}/revoke`, { reason });
}

export function appointReviewer(employeeId: string): Promise<void> {
  return api.put<void>(`/credentials/reviewers/${encodeURIComponent(employeeId)}`);
}

export function removeReviewer(employeeId: string): Promise<void> {
  return api.delete<void>(`/credentials/reviewers/${encodeURIComponent(employeeId)}`);
}

export type FrameworkInput = Omit<Framework, 'credential_name' | 'created_at' | 'steps'> & {
  steps: { name: string; description: string }[];
};

export function saveFramework(framework: FrameworkInput): Promise<Framework> {
  return api.put<Framework>('/credentials/framework', framework);
}

/** "Step 4 of 7: Structured observation" style words for where a candidate is. */
export function nextStepWords(c: Candidate): string {
  if (c.status === 'declined') return 'Not selected';
  if (c.status === 'credentialed') return 'Credentialed';
  const step = c.framework.steps[c.progress.next_step - 1];
  return step ? `Step ${step.number}: ${step.name}` : 'Every step done';
}
