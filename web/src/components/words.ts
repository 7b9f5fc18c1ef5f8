// Plain words for the codes the API speaks: one map per concept, in one place. The API keeps
// its codes; pages show these words (and sentences around them), never the codes.

/** A language's name from its ISO 639-1 code ("fr" → "French"); the code if unknown. */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages pickers offer (ISO 639-1): widely spoken at work, and every one in the demo. */
const LANGUAGE_CODES = [
  'ar', 'bn', 'cs', 'da', 'de', 'el', 'en', 'es', 'fa', 'fi', 'fr', 'he', 'hi', 'hu', 'id', 'it', 'ja', 'ko', 'ms', 'nl',
  'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sv', 'sw', 'ta', 'th', 'tl', 'tr', 'uk', 'ur', 'vi', 'zh',
];

/** Options for a language picker, by name: the usual languages plus any in `also` (codes already chosen). */
export function languageOptions(also: string[] = []): { value: string; label: string }[] {
  const codes = [...new Set([...LANGUAGE_CODES, ...also.map((c) => c.trim().toLowerCase()).filter(Boolean)])];
  return codes.map((value) => ({ value, label: languageName(value) })).sort((a, b) => a.label.localeCompare(b.label));
}

/** Languages as a sentence: "English, French and German"; "—" for none. */
export function languageList(codes: string[] | undefined): string {
  const names = (codes ?? []).map(languageName);
  if (names.length === 0) return '—';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Shadow mentors as a sentence part, each lapsed one marked: "Ann Lee, Bo Chen (credential
 *  expired: mentors no one until it is renewed)". */
export function shadowMentorList(people: { name: string; credential_lapsed?: boolean }[]): string {
  return people
    .map((p) => (p.credential_lapsed ? `${p.name} (credential expired: mentors no one until it is renewed)` : p.name))
    .join(', ');
}

/** A self-match request's status. */
export const REQUEST_STATUS_WORDS: Record<string, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  cancelled: 'Cancelled',
  withdrawn: 'Withdrawn',
  expired: 'Expired without an answer',
};

/** An API token's scope. */
export const SCOPE_WORDS: Record<string, string> = {
  scim: 'SCIM provisioning',
  export: 'Export',
};

/** An audit log action. */
export const AUDIT_ACTION_WORDS: Record<string, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_out: 'Signed out',
  password_changed: 'Changed their password',
  password_reset_requested: 'Asked for a password reset',
  account_created: 'Account created',
  account_updated: 'Account changed',
  account_deactivated: 'Account deactivated',
  account_reactivated: 'Account reactivated',
  invitation_sent: 'Invitation sent',
  role_granted: 'Role given',
  role_revoked: 'Role taken away',
  api_token_created: 'API token created',
  api_token_revoked: 'API token revoked',
  import_people: 'Directory imported',
  import_mapping_saved: 'Import columns saved',
  scim_user_created: 'Person created by provisioning',
  program_created: 'Program created',
  program_updated: 'Program changed',
  form_saved: 'Application form saved',
  application_submitted: 'Application sent',
  application_withdrawn: 'Application withdrawn',
  participants_nominated: 'People added to a program',
  program_open: 'Program opened',
  program_closed: 'Program closed',
  program_archived: 'Program archived',
  program_draft: 'Program back to draft',
  'matching.settings': 'Match settings saved',
  'matching.pin': 'Pair pinned',
  'matching.forbid': 'Pair forbidden',
  'matching.unconstrain': 'Pin or forbid removed',
  'matching.run': 'Matching run',
  'matching.rematch': 'Rematch run',
  'matching.cancel': 'Matching run cancelled',
  'matching.edit': 'Proposal changed by hand',
  'matching.publish': 'Proposal published',
  // mentor resources (issue 21):
  resource_created: 'Mentor resource written',
  resource_updated: 'Mentor resource changed',
  resource_deleted: 'Mentor resource deleted',
  reminders_unsubscribed: 'Turned reminders off from a reminder’s link',
  webhook_created: 'Webhook added',
  webhook_updated: 'Webhook changed',
  webhook_deleted: 'Webhook removed',
};

/** Words for a code of `words`, else the code made readable ("program_opened" → "Program opened"). */
export function wordsFor(words: Record<string, string>, code: string): string {
  const known = words[code];
  if (known) return known;
  const spaced = code.replace(/[_.]/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A side of a program, as a column value. */
export const SIDE_WORDS: Record<string, string> = { mentor: 'Mentor', mentee: 'Mentee' };

/** Where a manager's approval of the time stands. */
export const MANAGER_APPROVAL_WORDS: Record<string, string> = {
  not_needed: '—',
  pending: 'Waiting for the manager',
  approved: 'Time approved',
  declined: 'Time declined',
};

/** A match setting (the API's field names; weights as "weights.<criterion>" use CRITERIA). */
export const SETTING_WORDS: Record<string, string> = {
  min_level_gap: 'the minimum level gap',
  reverse_mentoring: 'reverse mentoring',
  other_department: 'mentor from another department',
  shared_language: 'a shared language',
  min_timezone_overlap_hours: 'the shared working hours across time zones',
  credentialed_only: 'credentialed mentors only',
  not_previously_paired: 'not re-forming earlier pairs',
  target_level_gap: 'the ideal level gap',
  department_affinity: 'the department preference',
  site_affinity: 'the site preference',
  objective: 'the aim of the run',
  mentee_skills_question: 'the mentee skills question',
  mentor_skills_question: 'the mentor skills question',
  ranked_mentors_question: 'the ranked mentors question',
};

/**
 * The matching's explanation of a pair (written by the server for coordinators, with the
 * directory's codes: "offers all 2 skills the mentee wants: k8s and sql; same department (ENG);
 * both speak en and fr") with every code named: skills, departments, sites and languages.
 */
export function explanationInWords(
  text: string,
  names: { skill: (code: string) => string; department: (code: string) => string; site: (code: string) => string },
): string {
  const list = (items: string, name: (code: string) => string) =>
    items
      .split(/, | and /)
      .map(name)
      .reduce((out, item, i, all) => (i === 0 ? item : `${out}${i === all.length - 1 ? ' and ' : ', '}${item}`), '');
  return text
    .split('; ')
    .map((part) => {
      let m = /^(.*: )([^()]+?)( \(below the level wanted in (.+)\))?$/.exec(part);
      if (m && /^(offers|shares) /.test(part)) {
        return `${m[1]}${list(m[2]!, names.skill)}${m[4] ? ` (below the level wanted in ${list(m[4], names.skill)})` : ''}`;
      }
      if ((m = /^both speak (.+)$/.exec(part))) return `both speak ${list(m[1]!, languageName)}`;
      if ((m = /^same department \((.+)\)$/.exec(part))) return `same department (${names.department(m[1]!)})`;
      if ((m = /^same site \((.+)\)$/.exec(part))) return `same site (${names.site(m[1]!)})`;
      return part;
    })
    .join('; ');
}
