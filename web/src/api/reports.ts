import { api, apiUrl } from './client';
import type { AssessmentResults } from './assessments';

/** Reports and outcomes of a program (issue 24; docs/outcomes.md). */

export interface ReportFilter {
  department?: string;
  site?: string;
  level?: number;
}

export interface ReportCount {
  key: string;
  label: string;
  count: number;
}

export interface ProgramDashboard {
  program: { id: number; name: string };
  funnel: { step: string; label: string; people: number }[];
  days_to_match: ReportCount[];
  days_to_first_meeting: ReportCount[];
  meeting_rate: ReportCount[];
  mean_meetings_per_month: number;
  mean_agreed_per_month: number;
  goals: ReportCount[];
  early_endings: ReportCount[];
  mentor_load: { employee_id: string; name: string; mentees: number; capacity: number }[];
  mentor_load_summary: ReportCount[];
  /** Which answers the survey figures count: at most one filter applies to them. */
  survey_selection: { applies: boolean; by: 'department' | 'site' | 'level' | null; group: string | null };
  surveys: SurveyFigure[];
  /** Pre -> post skills change of the whole program (the assessment results); null with a filter or none assessed. */
  competency_change: AssessmentResults | null;
  health_history_days: number;
  health_labels: { day: string; on_track: number; needs_attention: number; at_risk: number }[];
  fairness: { min_group: number; breakdowns: FairnessBreakdown[] };
}

/** The program's mentees by one dimension; groups under min_group (and their complements) are hidden. */
export interface FairnessBreakdown {
  dimension: string;
  label: string;
  hidden_groups: number;
  groups: {
    group: string;
    mentees: number;
    matched: number;
    match_rate_pct: number | null;
    completed: number;
    ended_early: number;
    /** Mentees whose latest pair a matching run made. */
    scored_pairs: number;
    /** Those pairs' scores against their run's average pair (100 = average); null: none scored. */
    match_score: number | null;
  }[];
}

/** A survey's figures; `hidden`: fewer answers than the survey's minimum group (nothing shown). */
export interface SurveyFigure {
  id: number;
  title: string;
  kind: string;
  privacy: 'anonymous' | 'confidential';
  min_group: number;
  invited: number;
  hidden: boolean;
  responses: number;
  response_rate_pct: number | null;
  scores: { question: string; measure: 'mean' | 'nps'; value: number | null }[];
}

export type OutcomeKind = 'retention_12m' | 'promotion_12m' | 'promotion_24m';

export interface OutcomeFigure {
  outcome: OutcomeKind;
  label: string;
  participants: number;
  participant_successes: number;
  comparison: number;
  comparison_successes: number;
  enough_data: boolean;
  participant_rate_pct: number | null;
  comparison_rate_pct: number | null;
  difference_points: number | null;
  ci_low_points: number | null;
  ci_high_points: number | null;
  participant_median_days: number | null;
  comparison_median_days: number | null;
}

export interface OutcomeGroup {
  side: 'mentee' | 'mentor';
  participants: number;
  matched: number;
  unmatched: number;
  outcomes: OutcomeFigure[];
}

export interface ProgramOutcomes {
  program: number;
  min_group: number;
  method: string;
  groups: OutcomeGroup[];
}

function filterQuery(f: ReportFilter) {
  return { department: f.department || undefined, site: f.site || undefined, level: f.level || undefined };
}

export function fetchDashboard(programId: number, f: ReportFilter, signal?: AbortSignal) {
  return api.get<ProgramDashboard>(`/programs/${programId}/reports/dashboard`, {
    query: filterQuery(f),
    ...(signal ? { signal } : {}),
  });
}

export function fetchOutcomes(programId: number, f: ReportFilter, signal?: AbortSignal) {
  return api.get<ProgramOutcomes>(`/programs/${programId}/reports/outcomes`, {
    query: filterQuery(f),
    ...(signal ? { signal } : {}),
  });
}

/** The address of an export: the browser downloads it with the session cookie. */
export function exportUrl(
  programId: number,
  report: 'dashboard' | 'outcomes',
  format: 'csv' | 'xlsx',
  f: ReportFilter,
  table?: string,
): string {
  return apiUrl(`/programs/${programId}/reports/${report}/export`, { format, table, ...filterQuery(f) });
}

/** One program's headline figures in the cross-program view. */
export interface ProgramOverview {
  id: number;
  name: string;
  status: string;
  funnel: { step: string; label: string; people: number }[];
  in_force: number;
  ended_early: number;
  mean_meetings_per_month: number;
  mean_agreed_per_month: number;
}

export function fetchProgramsOverview(signal?: AbortSignal) {
  return api.get<{ items: ProgramOverview[] }>('/reports/programs', signal ? { signal } : {});
}

export function overviewExportUrl(format: 'csv' | 'xlsx'): string {
  return apiUrl('/reports/programs/export', { format });
}
