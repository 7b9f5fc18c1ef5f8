import { describe, expect, it } from 'vitest';
import { compareVerdict, rawScoreAt, scoreOutOf100, scoreText, settingDifferences, staleSentences, totalOutOf100 } from '../api/matching';
import { AUDIT_ACTION_WORDS, explanationInWords, languageList, REQUEST_STATUS_WORDS, shadowMentorList, wordsFor } from './words';

describe('plain words for codes', () => {
  it('names languages, never their codes', () => {
    expect(languageList(['en', 'fr', 'de'])).toBe('English, French and German');
    expect(languageList([])).toBe('—');
  });
  it('says statuses and audit actions in words, and makes an unknown code readable', () => {
    expect(wordsFor(REQUEST_STATUS_WORDS, 'pending')).toBe('Waiting for an answer');
    expect(wordsFor(AUDIT_ACTION_WORDS, 'sign_in')).toBe('Signed in');
    expect(wordsFor(AUDIT_ACTION_WORDS, 'proposal_published')).toBe('Proposal published');
  });
});

describe('shadow mentors', () => {
  it('marks the one whose credential lapsed, in words', () => {
    expect(shadowMentorList([{ name: 'Ann Lee', credential_lapsed: true }, { name: 'Bo Chen', credential_lapsed: false }])).toBe(
      'Ann Lee (credential expired: mentors no one until it is renewed), Bo Chen',
    );
  });
});

describe('a stale proposal', () => {
  it('says what differs since the run', () => {
    expect(
      staleSentences({ changed_settings: ['weights.skills', 'min_level_gap'], pins_missing: 2, forbids_present: 1, enrollment_open: true }),
    ).toEqual([
      'The program still takes applications: people who apply after publishing are not in this proposal.',
      'The settings changed since this run: the weight of “Skills wanted and offered” and the minimum level gap.',
      '2 pinned pairs are not in this proposal.',
      'One pair in this proposal is now forbidden.',
    ]);
    expect(staleSentences({ changed_settings: [], pins_missing: 0, forbids_present: 0, enrollment_open: false })).toEqual([]);
    expect(staleSentences(undefined)).toEqual([]);
  });
});

describe('honest comparisons', () => {
  const settings = {
    min_level_gap: 1, reverse_mentoring: false, other_department: true, shared_language: false,
    min_timezone_overlap_hours: null, credentialed_only: false, not_previously_paired: true,
    weights: { skills: 5, level_gap: 2, department: 1, site: 1, languages: 1, availability: 0, ranked_choice: 0, mentor_preference: 0 },
    target_level_gap: 2, department_affinity: 'different', site_affinity: 'same', objective: 'total',
    mentee_skills_question: '', mentor_skills_question: '', ranked_mentors_question: '',
  } as const;
  const proposal = (id: number, matched: number, mean: number, s = settings) => ({
    id, program_id: 1, kind: 'full', status: 'done', settings: s, freed: [], created_by: 'E1', created_at: '', finished_at: null,
    progress: 100, phase: '', cancel_requested: false, error: '', published_by: '', published_at: null, edits: 0,
    summary: { matched, mean_score: mean } as never,
  }) as never;

  it('puts a score on 0 to 100 whatever the weights', () => {
    expect(scoreOutOf100(1000, settings)).toBe(100);
    expect(scoreOutOf100(500, { ...settings, weights: { ...settings.weights, skills: 15 } })).toBe(25);
  });
  it('shows a pair score, and a sum of them, on that one scale (the hand-change dialog, the runs, fairness)', () => {
    // Weights sum to 10: 100 points on every criterion is 1,000 raw.
    expect(scoreText(724, settings)).toBe('72');
    expect(scoreText(2000, settings)).toBe('100');
    expect(totalOutOf100(724 + 310, settings)).toBeCloseTo(103.4);
    expect(rawScoreAt(72, settings, 'down')).toBe(720);
  });
  it('lists exactly the settings that differ, with both values', () => {
    expect(settingDifferences(settings, { ...settings, min_level_gap: 2, objective: 'coverage', weights: { ...settings.weights, site: 3 } })).toEqual([
      'the weight of “Site”: 1 → 3',
      'the minimum level gap: 1 → 2',
      'the aim of the run: highest total score → as many mentees as possible',
    ]);
    expect(settingDifferences(settings, settings)).toEqual([]);
  });
  it('says which proposal matches more people and which has the better mean', () => {
    expect(compareVerdict(proposal(1, 10, 700), proposal(2, 12, 600))).toBe(
      'Proposal #2 matches 2 more mentees; proposal #1 has the better mean score (70 against 60 out of 100).',
    );
    expect(compareVerdict(proposal(1, 10, 700), proposal(2, 10, 700))).toBe('Both match 10 mentees; both have a mean score of 70 out of 100.');
  });
});

describe("a pair's explanation", () => {
  it('names every skill, department, site and language code it holds', () => {
    const names = {
      skill: (c: string) => ({ k8s: 'Kubernetes', sql: 'SQL', go: 'Go' })[c] ?? c,
      department: (c: string) => (c === 'ENG' ? 'Platform Engineering' : c),
      site: (c: string) => (c === 'BER' ? 'Berlin' : c),
    };
    expect(
      explanationInWords(
        'offers all 3 skills the mentee wants: k8s, sql and go (below the level wanted in sql); 2 levels above; ' +
          'same department (ENG); same site (BER); both speak en and fr; ranked 1st by the mentee',
        names,
      ),
    ).toBe(
      'offers all 3 skills the mentee wants: Kubernetes, SQL and Go (below the level wanted in SQL); 2 levels above; ' +
        'same department (Platform Engineering); same site (Berlin); both speak English and French; ranked 1st by the mentee',
    );
    expect(explanationInWords('offers the one skill the mentee wants: k8s; no language in common', names)).toBe(
      'offers the one skill the mentee wants: Kubernetes; no language in common',
    );
  });
});
