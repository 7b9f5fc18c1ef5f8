import { api } from './client';

/** Competency assessments (issue 23; docs/assessments.md). */

export type AssessmentPhase = 'start' | 'end';

export interface Competency {
  code: string;
  name: string;
}

export interface ScalePoint {
  rating: number;
  label: string;
}

export interface ProgramCompetencies {
  items: Competency[];
  scale: ScalePoint[];
  open_days: number;
  max_competencies: number;
}

export interface AssessmentSheet {
  version: number;
  ratings: Record<string, number>;
  updated_at: string;
}

export interface PhaseView {
  phase: AssessmentPhase;
  opens_at: string | null;
  closes_at: string | null;
  open: boolean;
  mine: AssessmentSheet | null;
  /** The other side's sheet, once mine of this phase is saved. */
  other: AssessmentSheet | null;
}

export interface PairAssessments {
  relationship_id: number;
  side: 'mentor' | 'mentee';
  competencies: Competency[];
  scale: ScalePoint[];
  phases: PhaseView[];
}

export interface AssessmentDue {
  relationship_id: number;
  program_name: string;
  other_name: string;
  side: 'mentor' | 'mentee';
  phase: AssessmentPhase;
  closes_at: string;
}

export interface CompetencyChange {
  code: string;
  name: string;
  pairs: number;
  hidden: boolean;
  /** Pairs rated 1..5 at the start and at the end. */
  start: number[];
  end: number[];
  mean_start: number | null;
  mean_end: number | null;
  mean_change: number | null;
}

export interface RaterChange {
  rater: 'mentee' | 'mentor';
  pairs: number;
  hidden: boolean;
  competencies: CompetencyChange[];
}

export interface AssessmentResults {
  min_group: number;
  competencies: Competency[];
  scale: ScalePoint[];
  raters: RaterChange[];
}

export const PHASE_WORDS: Record<AssessmentPhase, string> = {
  start: 'At the start',
  end: 'At the end',
};

export const assessmentKeys = {
  pair: (relationshipId: number) => ['relationships', relationshipId, 'assessments'] as const,
  due: ['me', 'assessments'] as const,
  competencies: (programId: number) => ['programs', programId, 'assessment-competencies'] as const,
  results: (programId: number) => ['programs', programId, 'assessment-results'] as const,
};

export function pairAssessments(relationshipId: number, signal?: AbortSignal) {
  return api.get<PairAssessments>(`/relationships/${relationshipId}/assessments`, signal ? { signal } : {});
}

export function rateAssessment(
  relationshipId: number,
  phase: AssessmentPhase,
  version: number,
  ratings: Record<string, number>,
) {
  return api.put<PairAssessments>(`/relationships/${relationshipId}/assessments/${phase}`, { version, ratings });
}

export function myAssessmentsDue(signal?: AbortSignal) {
  return api.get<{ items: AssessmentDue[] }>('/me/assessments', signal ? { signal } : {});
}

export function programCompetencies(programId: number, signal?: AbortSignal) {
  return api.get<ProgramCompetencies>(`/programs/${programId}/assessment-competencies`, signal ? { signal } : {});
}

export function setProgramCompetencies(programId: number, competencies: string[]) {
  return api.put<ProgramCompetencies>(`/programs/${programId}/assessment-competencies`, { competencies });
}

export function assessmentResults(programId: number, signal?: AbortSignal) {
  return api.get<AssessmentResults>(`/programs/${programId}/assessment-results`, signal ? { signal } : {});
}
