// Matching a program: settings, pins and forbids, proposals (runs as jobs), pairs, unmatched,
// fairness, comparison, hand changes, publishing and rematch (relationships: relationships.ts)
// (src/api/handlers/matching_handlers.cpp; api/openapi.yaml, tag "matching").
import { useCallback } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SETTING_WORDS } from '../components/words';
import { api } from './client';

/** The soft criteria, in the engine's order, with the words the UI uses. */
export const CRITERIA = [
  { key: 'skills', label: 'Skills wanted and offered' },
  { key: 'level_gap', label: 'Level gap' },
  { key: 'department', label: 'Department' },
  { key: 'site', label: 'Site' },
  { key: 'languages', label: 'Languages' },
  { key: 'availability', label: 'Availability' },
  { key: 'ranked_choice', label: "Mentee's ranked choices" },
  { key: 'mentor_preference', label: "Mentor's preferences" },
] as const;
export type Criterion = (typeof CRITERIA)[number]['key'];
export type CriterionValues = Record<Criterion, number>;

export type Objective = 'total' | 'coverage' | 'fairness';
export type Affinity = 'same' | 'different';

/** A hard rule as the server names it (in pairs' broken_rules) and says it in words. */
export interface HardRuleRef {
  name: string;
  words: string;
}

/** The server's words for a hard-rule name; the name itself, spaced, when it is not listed. */
export function ruleWords(rules: HardRuleRef[] | undefined, rule: string): string {
  return rules?.find((r) => r.name === rule)?.words ?? rule.replace(/_/g, ' ');
}

export interface MatchSettings {
  min_level_gap: number | null;
  reverse_mentoring: boolean;
  other_department: boolean;
  shared_language: boolean;
  min_timezone_overlap_hours: number | null;
  credentialed_only: boolean;
  not_previously_paired: boolean;
  weights: CriterionValues;
  target_level_gap: number;
  department_affinity: Affinity;
  site_affinity: Affinity;
  objective: Objective;
  mentee_skills_question: string;
  mentor_skills_question: string;
  ranked_mentors_question: string;
}

export interface FormQuestionRef {
  id: string;
  type: string;
  label: string;
}

/** A settings field as the server's one field table describes it: the range or words it accepts. */
export interface SettingField {
  name: keyof MatchSettings;
  kind: 'switch' | 'optional_number' | 'number' | 'word' | 'question' | 'weights';
  min?: number;
  max?: number;
  words?: string[];
  criteria?: string[];
}

/** The range the server accepts for a numeric settings field (per weight for `weights`). */
export function settingRange(fields: SettingField[], name: keyof MatchSettings): { min?: number; max?: number } {
  const field = fields.find((f) => f.name === name);
  return { min: field?.min, max: field?.max };
}

export interface SettingsView {
  settings: MatchSettings;
  defaults: MatchSettings;
  saved: boolean;
  fields: SettingField[];
  /** Every hard rule with its words (the UI keeps no list of its own). */
  rules: HardRuleRef[];
  mentee_questions: FormQuestionRef[];
  mentor_questions: FormQuestionRef[];
  mentees: number;
  mentors: number;
  published: boolean;
}

export interface PersonRef {
  employee_id: string;
  name: string;
}

export type ConstraintKind = 'pin' | 'forbid';

export interface PairConstraint {
  mentee: PersonRef;
  mentor: PersonRef;
  kind: ConstraintKind;
  created_by: string;
  created_at: string;
}

export type ProposalStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'published';
export type ProposalKind = 'full' | 'rematch';

export interface ProposalSummary {
  mentees: number;
  mentors: number;
  matched: number;
  matched_share: number;
  total_score: number;
  mean_score: number;
  lowest_score: number;
  optimal: boolean;
  greedy_total_score: number | null;
  greedy_matched: number;
  ranked_honoured: number;
  first_choice: number;
  mentees_with_ranking: number;
  mentor_load: number[];
  score_histogram: number[];
  score_bucket: number;
  warnings: string[];
  engine_ms: number;
  total_ms: number;
}

export interface Proposal {
  id: number;
  program_id: number;
  kind: ProposalKind;
  status: ProposalStatus;
  settings: MatchSettings;
  freed: string[];
  created_by: string;
  created_at: string;
  finished_at: string | null;
  progress: number;
  phase: string;
  cancel_requested: boolean;
  error: string;
  summary: ProposalSummary | null;
  published_by: string;
  published_at: string | null;
  edits: number;
  /** Run with settings given for that run only, never saved. */
  what_if: boolean;
}

export function isFinished(p: Proposal): boolean {
  return p.status === 'done' || p.status === 'published';
}
export function isActive(p: Proposal): boolean {
  return p.status === 'queued' || p.status === 'running';
}

export interface PersonSnapshot {
  employee_id: string;
  name: string;
  department: string;
  site: string;
  level: number;
}

export interface ProposalPair {
  mentee: PersonSnapshot;
  mentor: PersonSnapshot;
  score: number;
  points: CriterionValues;
  explanation: string;
  pinned: boolean;
  manual: boolean;
  broken_rules: string[];
}

export interface PairPage {
  items: ProposalPair[];
  total: number;
}

export interface PairQuery {
  q?: string;
  department?: string;
  min_score?: number | '';
  max_score?: number | '';
  manual?: boolean;
  broken?: boolean;
  rule?: string;
  sort?: 'mentee' | 'mentor' | 'score';
  order?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface UnmatchedMentee {
  mentee: PersonSnapshot;
  reason: string;
  explanation: string;
}

export interface FairnessRow {
  /** department, site, level_band, or attribute:<name> for an imported reporting attribute. */
  dimension: string;
  group: string;
  mentees: number;
  matched: number;
  coverage: number;
  mean_score: number;
}

export interface FairnessView {
  rows: FairnessRow[];
  hidden_groups: number;
  min_group_size: number;
  overall: { mentees: number; matched: number; mean_score: number };
}

export interface ScoredRef extends PersonRef {
  score: number;
}

export interface Comparison {
  a: Proposal;
  b: Proposal;
  changed: number;
  changes: { mentee: PersonRef; a: ScoredRef | null; b: ScoredRef | null }[];
}

export interface PairChange {
  mentee: string;
  /** Reassign to this mentor; "" leaves the mentee unmatched. */
  mentor?: string;
  /** Or exchange mentors with this mentee. */
  swap_with?: string;
  accept_broken_rules?: boolean;
}

export interface ChangePreview {
  effects: { mentee: PersonRef; from: ScoredRef | null; to: ProposalPair | null }[];
  broken_rules: string[];
  total_before: number;
  total_after: number;
  refusal: string;
  allowed: boolean;
}

export interface PublishPreview {
  relationships: number;
  ended: number;
  mails: number;
  /** What no longer holds since the run (GET only). */
  stale?: {
    changed_settings: string[];
    pins_missing: number;
    forbids_present: number;
    enrollment_open: boolean;
  };
  /** The proposal comes from a what-if run: publishing it needs `confirmWhatIf`. */
  what_if?: boolean;
}

// ---- Query keys -------------------------------------------------------------------------

export const matchingKeys = {
  all: (programId: number) => ['matching', programId] as const,
  settings: (programId: number) => ['matching', programId, 'settings'] as const,
  constraints: (programId: number) => ['matching', programId, 'constraints'] as const,
  proposals: (programId: number) => ['matching', programId, 'proposals'] as const,
  proposal: (programId: number, id: number) => ['matching', programId, 'proposal', id] as const,
  /** Everything computed from one proposal's pairs (pairs, unmatched, fairness, compare). */
  proposalData: (programId: number, id: number) => ['matching', programId, 'proposal-data', id] as const,
};

const base = (programId: number) => `/programs/${programId}`;
const proposalPath = (programId: number, id: number) => `${base(programId)}/proposals/${id}`;

// ---- Queries ----------------------------------------------------------------------------

export function useMatchSettings(programId: number, enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.settings(programId),
    queryFn: ({ signal }) => api.get<SettingsView>(`${base(programId)}/matching/settings`, { signal }),
    enabled,
  });
}

/** ruleWords with the program's settings view (shared with the settings panel's query). */
export function useRuleWords(programId: number): (rule: string) => string {
  const rules = useMatchSettings(programId, true).data?.rules;
  return useCallback((rule: string) => ruleWords(rules, rule), [rules]);
}

export function useConstraints(programId: number, enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.constraints(programId),
    queryFn: ({ signal }) =>
      api.get<{ items: PairConstraint[] }>(`${base(programId)}/matching/constraints`, { signal }),
    enabled,
  });
}

export function useProposals(programId: number, enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.proposals(programId),
    queryFn: ({ signal }) => api.get<{ items: Proposal[] }>(`${base(programId)}/proposals`, { signal }),
    enabled,
  });
}

/** One proposal; polled every second while its run is queued or running. */
export function useProposal(programId: number, id: number | null) {
  return useQuery({
    queryKey: matchingKeys.proposal(programId, id ?? 0),
    queryFn: ({ signal }) => api.get<Proposal>(proposalPath(programId, id ?? 0), { signal }),
    enabled: id !== null,
    refetchInterval: (query) => {
      const p = query.state.data;
      return p && !isActive(p) ? false : 1000;
    },
  });
}

export function usePairs(programId: number, id: number | null, query: PairQuery, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKeys.proposalData(programId, id ?? 0), 'pairs', query],
    queryFn: ({ signal }) =>
      api.get<PairPage>(`${proposalPath(programId, id ?? 0)}/pairs`, {
        query: {
          q: query.q || undefined,
          department: query.department || undefined,
          min_score: query.min_score === '' ? undefined : query.min_score,
          max_score: query.max_score === '' ? undefined : query.max_score,
          manual: query.manual ? 'true' : undefined,
          broken: query.broken ? 'true' : undefined,
          rule: query.rule || undefined,
          sort: query.sort,
          order: query.order,
          offset: query.offset,
          limit: query.limit,
        },
        signal,
      }),
    enabled: enabled && id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useUnmatched(programId: number, id: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKeys.proposalData(programId, id ?? 0), 'unmatched'],
    queryFn: ({ signal }) =>
      api.get<{ items: UnmatchedMentee[] }>(`${proposalPath(programId, id ?? 0)}/unmatched`, { signal }),
    enabled: enabled && id !== null,
  });
}

export function useFairness(programId: number, id: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKeys.proposalData(programId, id ?? 0), 'fairness'],
    queryFn: ({ signal }) => api.get<FairnessView>(`${proposalPath(programId, id ?? 0)}/fairness`, { signal }),
    enabled: enabled && id !== null,
  });
}

export function useComparison(programId: number, a: number | null, b: number | null, limit = 200) {
  return useQuery({
    queryKey: [...matchingKeys.proposalData(programId, a ?? 0), 'compare', b, limit],
    queryFn: ({ signal }) =>
      api.get<Comparison>(`${proposalPath(programId, a ?? 0)}/compare/${b ?? 0}`, { query: { limit }, signal }),
    enabled: a !== null && b !== null && a !== b,
  });
}

export function usePublishPreview(programId: number, id: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKeys.proposalData(programId, id ?? 0), 'publish'],
    queryFn: ({ signal }) => api.get<PublishPreview>(`${proposalPath(programId, id ?? 0)}/publish`, { signal }),
    enabled: enabled && id !== null,
  });
}

// ---- Changes ----------------------------------------------------------------------------

export function saveMatchSettings(programId: number, settings: Partial<MatchSettings>): Promise<SettingsView> {
  return api.put<SettingsView>(`${base(programId)}/matching/settings`, settings);
}

export function putConstraint(
  programId: number,
  mentee: string,
  mentor: string,
  kind: ConstraintKind,
): Promise<PairConstraint> {
  return api.put<PairConstraint>(`${base(programId)}/matching/constraints`, { mentee, mentor, kind });
}

export function deleteConstraint(programId: number, mentee: string, mentor: string): Promise<void> {
  return api.delete<void>(
    `${base(programId)}/matching/constraints/${encodeURIComponent(mentee)}/${encodeURIComponent(mentor)}`,
  );
}

/** Queues a run: with the saved settings, or (a what-if) with `settings` over them. */
export function startRun(programId: number, settings?: Partial<MatchSettings>): Promise<Proposal> {
  return api.post<Proposal>(`${base(programId)}/proposals`, settings ? { settings } : {});
}

export function cancelRun(programId: number, id: number): Promise<Proposal> {
  return api.post<Proposal>(`${proposalPath(programId, id)}/cancel`);
}

export function previewChange(programId: number, id: number, change: PairChange): Promise<ChangePreview> {
  const body: PairChange = { mentee: change.mentee };
  if (change.swap_with !== undefined) body.swap_with = change.swap_with;
  else body.mentor = change.mentor ?? '';
  return api.post<ChangePreview>(`${proposalPath(programId, id)}/changes/preview`, body);
}

export function applyChange(programId: number, id: number, change: PairChange): Promise<ChangePreview> {
  return api.post<ChangePreview>(`${proposalPath(programId, id)}/changes`, change);
}

export function publishProposal(programId: number, id: number, confirmWhatIf = false): Promise<PublishPreview> {
  return api.post<PublishPreview>(`${proposalPath(programId, id)}/publish`, undefined, {
    query: { confirm_what_if: confirmWhatIf ? 1 : undefined },
  });
}

export function startRematch(programId: number, employeeIds: string[]): Promise<Proposal> {
  return api.post<Proposal>(`${base(programId)}/rematch`, { employee_ids: employeeIds });
}

/** A setting's name (as the API gives it, e.g. "weights.skills") in words. */
export function settingWords(name: string, words: Record<string, string>): string {
  if (name.startsWith('weights.')) {
    const c = CRITERIA.find((x) => x.key === name.slice('weights.'.length));
    return `the weight of “${c?.label ?? name.slice('weights.'.length)}”`;
  }
  return words[name] ?? name.replace(/_/g, ' ');
}

/** Sentences saying why a proposal no longer reflects the program, empty when it does. */
export function staleSentences(stale: PublishPreview['stale']): string[] {
  return stale ? staleList(stale) : [];
}

function staleList(stale: NonNullable<PublishPreview['stale']>): string[] {
  const out: string[] = [];
  if (stale.enrollment_open) out.push('The program still takes applications: people who apply after publishing are not in this proposal.');
  if (stale.changed_settings.length > 0) {
    const names = stale.changed_settings.map((n) => settingWords(n, SETTING_WORDS));
    out.push(`The settings changed since this run: ${joinWords(names)}.`);
  }
  if (stale.pins_missing > 0) {
    out.push(stale.pins_missing === 1 ? 'One pinned pair is not in this proposal.' : `${stale.pins_missing} pinned pairs are not in this proposal.`);
  }
  if (stale.forbids_present > 0) {
    out.push(stale.forbids_present === 1 ? 'One pair in this proposal is now forbidden.' : `${stale.forbids_present} pairs in this proposal are now forbidden.`);
  }
  return out;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Raw points that make one point out of 100 under `settings`: the weights' sum (every criterion scores 0–100). */
function rawPerPoint(settings: MatchSettings): number {
  return CRITERIA.reduce((sum, c) => sum + (settings.weights[c.key] ?? 0), 0);
}

/**
 * A pair score on a stated 0–100 scale: its share of the best possible score under the run's
 * weights (every weighted criterion at 100 points). Changing the weights does not inflate it.
 * The one conversion the UI uses for every score it shows.
 */
export function scoreOutOf100(raw: number, settings: MatchSettings): number {
  const per = rawPerPoint(settings);
  return per > 0 ? Math.min(100, Math.max(0, raw / per)) : 0;
}

/** A pair score as the UI shows it: a whole number out of 100 ("72"). */
export function scoreText(raw: number, settings: MatchSettings): string {
  return Math.round(scoreOutOf100(raw, settings)).toLocaleString();
}

/** A sum of pair scores (those a hand change touches) on the same scale: each pair's score out of 100, added up. */
export function totalOutOf100(rawTotal: number, settings: MatchSettings): number {
  const per = rawPerPoint(settings);
  return per > 0 ? Math.max(0, rawTotal / per) : 0;
}

/** The raw score at `outOf100` on the 0–100 scale (for filters the server reads in raw points). */
export function rawScoreAt(outOf100: number, settings: MatchSettings, round: 'down' | 'up'): number {
  const raw = outOf100 * rawPerPoint(settings);
  return round === 'down' ? Math.floor(raw) : Math.ceil(raw);
}

const OBJECTIVE_WORDS: Record<string, string> = {
  total: 'highest total score',
  coverage: 'as many mentees as possible',
  fairness: 'fairest across groups',
};

export function objectiveWords(objective: string): string {
  return OBJECTIVE_WORDS[objective] ?? objective;
}

function settingValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (value === true) return 'on';
  if (value === false) return 'off';
  return String(value);
}

/** Each setting that differs between two runs, in words with both values ("x: 1 → 2"). */
export function settingDifferences(a: MatchSettings, b: MatchSettings): string[] {
  const out: string[] = [];
  for (const c of CRITERIA) {
    if (a.weights[c.key] !== b.weights[c.key]) {
      out.push(`${settingWords(`weights.${c.key}`, SETTING_WORDS)}: ${a.weights[c.key]} → ${b.weights[c.key]}`);
    }
  }
  for (const key of Object.keys(SETTING_WORDS) as (keyof MatchSettings)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    const show = key === 'objective' ? (v: unknown) => objectiveWords(String(v)) : settingValue;
    out.push(`${SETTING_WORDS[key]}: ${show(x)} → ${show(y)}`);
  }
  return out;
}

/** "Proposal #12 matches 3 more mentees; proposal #11 has the better mean score (71 against 64 out of 100)." */
export function compareVerdict(a: Proposal, b: Proposal): string {
  if (!a.summary || !b.summary) return '';
  const parts: string[] = [];
  const more = a.summary.matched - b.summary.matched;
  if (more === 0) parts.push(`Both match ${a.summary.matched.toLocaleString()} mentees`);
  else {
    const [winner, n] = more > 0 ? [a, more] : [b, -more];
    parts.push(`Proposal #${winner.id} matches ${n.toLocaleString()} more mentee${n === 1 ? '' : 's'}`);
  }
  const meanA = Math.round(scoreOutOf100(a.summary.mean_score, a.settings));
  const meanB = Math.round(scoreOutOf100(b.summary.mean_score, b.settings));
  if (meanA === meanB) parts.push(`both have a mean score of ${meanA} out of 100`);
  else {
    const [winner, hi, lo] = meanA > meanB ? [a, meanA, meanB] : [b, meanB, meanA];
    parts.push(`proposal #${winner.id} has the better mean score (${hi} against ${lo} out of 100)`);
  }
  return `${parts.join('; ')}.`;
}
