#include "storage/migrations.h"

#include <array>
#include <utility>

namespace pairwise::storage {

namespace {

// 0001: the directory. Later issues (profiles, SCIM, accounts) add tables that refer to
// people.id; employee_id stays the organization's key.
constexpr std::string_view kDirectory = R"sql(
CREATE TABLE departments (
  id {{id}},
  code {{key}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  division TEXT NOT NULL
);

CREATE TABLE sites (
  id {{id}},
  code {{key}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  time_zone TEXT NOT NULL
);

CREATE TABLE skills (
  id {{id}},
  code {{key}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  family TEXT NOT NULL
);
CREATE INDEX skills_family_idx ON skills (family);

CREATE TABLE people (
  id {{id}},
  employee_id {{key}} NOT NULL UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  department_id BIGINT REFERENCES departments (id),
  site_id BIGINT REFERENCES sites (id),
  time_zone TEXT NOT NULL,
  job_title TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 10),
  manager_id BIGINT REFERENCES people (id),
  hire_date DATE NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'leave', 'left')),
  left_date DATE,
  CHECK ((status = 'left') = (left_date IS NOT NULL))
);
-- Emails are unique regardless of ASCII case.
CREATE UNIQUE INDEX people_email_idx ON people (lower(email));
CREATE INDEX people_manager_idx ON people (manager_id);
CREATE INDEX people_department_idx ON people (department_id);
CREATE INDEX people_site_idx ON people (site_id);

-- Languages a person speaks, most fluent first (ordinal 0).
CREATE TABLE person_languages (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  language TEXT NOT NULL,
  PRIMARY KEY (person_id, ordinal),
  UNIQUE (person_id, language)
);
CREATE INDEX person_languages_language_idx ON person_languages (language);

-- History: hires, promotions, title changes and exits, for outcome reports.
CREATE TABLE person_events (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('hire', 'promotion', 'title_change', 'exit')),
  event_date DATE NOT NULL,
  from_level INTEGER CHECK (from_level BETWEEN 1 AND 10),
  to_level INTEGER CHECK (to_level BETWEEN 1 AND 10),
  from_title TEXT,
  to_title TEXT,
  UNIQUE (person_id, kind, event_date)
);
CREATE INDEX person_events_kind_date_idx ON person_events (kind, event_date);
)sql";

// 0002: accounts and sign-in. Secrets (sessions, one-time tokens, API tokens) are stored as
// SHA-256 hashes; times as microseconds since the Unix epoch (UTC).
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE accounts (
  id {{id}},
  person_id BIGINT NOT NULL UNIQUE REFERENCES people (id),
  status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
  password_hash TEXT,
  created_at_us BIGINT NOT NULL
);

CREATE TABLE account_roles (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator')),
  PRIMARY KEY (account_id, role)
);

CREATE TABLE sessions (
  id {{id}},
  token_hash {{key}} NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at_us BIGINT NOT NULL,
  last_seen_at_us BIGINT NOT NULL,
  absolute_expires_at_us BIGINT NOT NULL,
  remote_address TEXT NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Failed sign-ins, for rate limiting: by the email tried (lower-cased) and by address.
CREATE TABLE login_failures (
  id {{id}},
  email_key TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  at_us BIGINT NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email_key, at_us);
CREATE INDEX login_failures_address_idx ON login_failures (remote_address, at_us);

-- Invitation and password-reset links: single use, expiring.
CREATE TABLE one_time_tokens (
  id {{id}},
  token_hash {{key}} NOT NULL UNIQUE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  used_at_us BIGINT
);
CREATE INDEX one_time_tokens_account_idx ON one_time_tokens (account_id, purpose);

-- Integration credentials; scopes space-separated ("export scim").
CREATE TABLE api_tokens (
  id {{id}},
  name TEXT NOT NULL,
  token_hash {{key}} NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT,
  revoked_at_us BIGINT,
  last_used_at_us BIGINT,
  created_by BIGINT REFERENCES accounts (id)
);

-- Append-only.
CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote_address TEXT NOT NULL
);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
)sql";

// 0003: the mail outbox. Times are microseconds since the Unix epoch (UTC). A sender claims due
// messages by leasing them (claimed_by, lease_until), so servers sharing the database never
// deliver one message twice.
constexpr std::string_view kMailOutbox = R"sql(
CREATE TABLE mail_outbox (
  id {{id}},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'held')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  claimed_by TEXT,
  lease_until BIGINT
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (status, next_attempt_at);
)sql";

// 0004: profiles that people edit themselves, beside their directory entry.
constexpr std::string_view kProfiles = R"sql(
CREATE TABLE profiles (
  person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  bio TEXT NOT NULL,
  availability_hours INTEGER NOT NULL CHECK (availability_hours BETWEEN 0 AND 160),
  meeting_preference TEXT NOT NULL
    CHECK (meeting_preference IN ('virtual', 'in_person', 'either')),
  updated_at_us BIGINT NOT NULL
);

-- Skills a person offers (kind 'offer') or wants to grow ('want'), in the person's order.
CREATE TABLE profile_skills (
  person_id BIGINT NOT NULL REFERENCES profiles (person_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('offer', 'want')),
  ordinal INTEGER NOT NULL,
  skill_id BIGINT NOT NULL REFERENCES skills (id),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (person_id, kind, ordinal),
  UNIQUE (person_id, kind, skill_id)
);
-- Search by skill: who offers or wants it.
CREATE INDEX profile_skills_skill_idx ON profile_skills (skill_id, kind, person_id);

-- Languages a person can mentor in besides their directory languages, in their order.
CREATE TABLE profile_languages (
  person_id BIGINT NOT NULL REFERENCES profiles (person_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  language TEXT NOT NULL,
  PRIMARY KEY (person_id, ordinal),
  UNIQUE (person_id, language)
);

-- Search filters by status (active by default) in employee id order.
CREATE INDEX people_status_employee_idx ON people (status, employee_id);
)sql";

// 0005: the column mapping an admin chose for the organization's HRIS export, reused by the
// next import. One mapping per deployment; header_key is the header normalized
// (import::NormalizeHeader), ordinal the order it was saved in.
constexpr std::string_view kImportMappings = R"sql(
CREATE TABLE import_mappings (
  header_key {{key}} NOT NULL PRIMARY KEY,
  ordinal INTEGER NOT NULL,
  header TEXT NOT NULL,
  field TEXT NOT NULL
);
)sql";

// 0006: SCIM provisioning. The external id an identity provider keeps for a person
// (externalId, case-exact); the SCIM id is the person's employee id.
constexpr std::string_view kScim = R"sql(
CREATE TABLE person_external_ids (
  person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  external_id {{key}} NOT NULL UNIQUE
);
)sql";

// 0007: programs. Dates as "YYYY-MM-DD"; times as microseconds since the Unix epoch (UTC).
// List-valued fields (measures, coordinators, shadow mentors, training skills, the eligibility
// lists per side) are rows of program_values, one kind per field, in order.
constexpr std::string_view kPrograms = R"sql(
CREATE TABLE programs (
  id {{id}},
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  type TEXT NOT NULL
    CHECK (type IN ('one_on_one', 'group', 'self_match', 'training', 'reverse', 'virtual')),
  need TEXT NOT NULL,
  objectives TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  enrollment_opens TEXT NOT NULL,
  enrollment_closes TEXT NOT NULL,
  relationship_months INTEGER NOT NULL,
  cadence TEXT NOT NULL,
  group_min_size INTEGER,
  group_max_size INTEGER,
  training_course TEXT,
  capacity_mentees INTEGER NOT NULL,
  capacity_hours INTEGER NOT NULL,
  mentor_min_level INTEGER,
  mentor_max_level INTEGER,
  mentor_min_tenure_months INTEGER,
  mentee_min_level INTEGER,
  mentee_max_level INTEGER,
  mentee_min_tenure_months INTEGER,
  requires_mentor_credential INTEGER NOT NULL,
  manager_approval INTEGER NOT NULL,
  max_ranked_choices INTEGER NOT NULL,
  request_expiry_days INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'archived')),
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE program_values (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (program_id, kind, ordinal)
);

-- The lower capacity a mentor chose for themself in a program (relief time).
CREATE TABLE program_mentor_capacities (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  employee_id {{key}} NOT NULL,
  mentees INTEGER NOT NULL,
  hours_per_month INTEGER NOT NULL,
  PRIMARY KEY (program_id, employee_id)
);
)sql";

// 0008: application forms (one row a version; the questions as a JSON array) and applications
// (the answers as a JSON object: question id -> list of values). A person has at most one
// application on a side of a program that is not withdrawn.
constexpr std::string_view kApplications = R"sql(
CREATE TABLE application_forms (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  version INTEGER NOT NULL,
  questions TEXT NOT NULL,
  PRIMARY KEY (program_id, side, version)
);

CREATE TABLE applications (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  employee_id {{key}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'declined', 'withdrawn')),
  form_version INTEGER NOT NULL,
  answers TEXT NOT NULL,
  nominated INTEGER NOT NULL,
  manager_approval TEXT NOT NULL
    CHECK (manager_approval IN ('not_needed', 'pending', 'approved', 'declined')),
  decision_message TEXT NOT NULL,
  submitted_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX applications_program_idx ON applications (program_id, id);
CREATE INDEX applications_person_idx ON applications (employee_id, id);
CREATE UNIQUE INDEX applications_one_active_idx ON applications (program_id, side, employee_id)
  WHERE status <> 'withdrawn';
)sql";

// 0009: self-match requests. A pending request past expires_at_us reads as expired.
constexpr std::string_view kMatchRequests = R"sql(
CREATE TABLE match_requests (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  mentee {{key}} NOT NULL,
  mentor {{key}} NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled', 'withdrawn')),
  response_message TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  responded_at_us BIGINT
);
CREATE INDEX match_requests_mentee_idx ON match_requests (program_id, mentee, id);
CREATE INDEX match_requests_mentor_idx ON match_requests (program_id, mentor, id);
-- One accepted mentor per mentee and program.
CREATE UNIQUE INDEX match_requests_one_accepted_idx ON match_requests (program_id, mentee)
  WHERE status = 'accepted';
)sql";

// 0010: matching a program. Proposals are runs of the matching engine and the jobs computing
// them (claimed with a lease); their settings and summary are JSON text, a pair's points a JSON
// array of the eight criteria. Publishing a proposal creates relationships; a mentee has at most
// one active relationship per program.
constexpr std::string_view kMatching = R"sql(
CREATE TABLE match_settings (
  program_id BIGINT PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  saved_by {{key}} NOT NULL,
  saved_at_us BIGINT NOT NULL
);

CREATE TABLE match_constraints (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  mentee {{key}} NOT NULL,
  mentor {{key}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
  created_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (program_id, mentee, mentor)
);

CREATE TABLE proposals (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'rematch')),
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'published')),
  settings TEXT NOT NULL,
  freed TEXT NOT NULL,
  created_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  progress INTEGER NOT NULL,
  phase TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL,
  error TEXT NOT NULL,
  summary TEXT NOT NULL,
  published_by {{key}} NOT NULL,
  published_at_us BIGINT,
  edits INTEGER NOT NULL,
  claimed_by TEXT,
  lease_until_us BIGINT
);
CREATE INDEX proposals_program_idx ON proposals (program_id, created_at_us);
CREATE INDEX proposals_queue_idx ON proposals (status, created_at_us, id);

CREATE TABLE proposal_pairs (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  mentee {{key}} NOT NULL,
  mentor {{key}} NOT NULL,
  score BIGINT NOT NULL,
  points TEXT NOT NULL,
  explanation TEXT NOT NULL,
  pinned INTEGER NOT NULL,
  manual INTEGER NOT NULL,
  broken_rules TEXT NOT NULL,
  mentee_name TEXT NOT NULL,
  mentee_department TEXT NOT NULL,
  mentee_site TEXT NOT NULL,
  mentee_level INTEGER NOT NULL,
  mentor_name TEXT NOT NULL,
  mentor_department TEXT NOT NULL,
  mentor_site TEXT NOT NULL,
  mentor_level INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, mentee)
);

CREATE TABLE proposal_unmatched (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  mentee {{key}} NOT NULL,
  mentee_name TEXT NOT NULL,
  mentee_department TEXT NOT NULL,
  mentee_site TEXT NOT NULL,
  mentee_level INTEGER NOT NULL,
  reason TEXT NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY (proposal_id, mentee)
);

CREATE TABLE relationships (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  mentor {{key}} NOT NULL,
  mentee {{key}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  score BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  started_at_us BIGINT NOT NULL,
  ended_at_us BIGINT,
  end_reason TEXT NOT NULL,
  CHECK ((status = 'ended') = (ended_at_us IS NOT NULL))
);
CREATE INDEX relationships_program_idx ON relationships (program_id, id);
CREATE INDEX relationships_mentor_idx ON relationships (mentor);
CREATE INDEX relationships_mentee_idx ON relationships (mentee);
CREATE INDEX relationships_proposal_idx ON relationships (proposal_id);
-- A mentee has at most one active relationship per program.
CREATE UNIQUE INDEX relationships_one_active_idx ON relationships (program_id, mentee)
  WHERE status = 'active';
)sql";

// 0011: optional attributes imported only for aggregate reporting (the fairness view).
constexpr std::string_view kReportingAttributes = R"sql(
CREATE TABLE person_attributes (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  name {{key}} NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (person_id, name)
);
)sql";

// 0012: the relationship's life (issue 19). Statuses pending_agreement -> active -> completed |
// ended_early replace active | ended: a relationship ended by a rematch becomes ended_early
// (its end_reason stays "rematch"), one active before agreements existed stays active (activated
// when it started). SQLite cannot drop a CHECK constraint, so the table is rebuilt on both
// databases; PostgreSQL's identity then continues after the highest id. A proposal is optional (a
// self-match request creates relationships too). Agreement templates per program and each
// relationship's agreement (from the first acceptance or adjustment on) are rows of their own.
constexpr std::string_view kRelationshipLife = R"sql(
CREATE TABLE relationships_next (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  mentor {{key}} NOT NULL,
  mentee {{key}} NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('pending_agreement', 'active', 'completed', 'ended_early')),
  proposal_id BIGINT REFERENCES proposals (id),
  score BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  started_at_us BIGINT NOT NULL,
  activated_at_us BIGINT,
  ended_at_us BIGINT,
  end_reason TEXT NOT NULL,
  ended_by {{key}} NOT NULL,
  end_comment TEXT NOT NULL,
  mentor_completed_at_us BIGINT,
  mentee_completed_at_us BIGINT,
  CHECK ((status IN ('completed', 'ended_early')) = (ended_at_us IS NOT NULL)),
  CHECK ((status = 'pending_agreement') = (activated_at_us IS NULL))
);
INSERT INTO relationships_next (id, program_id, mentor, mentee, status, proposal_id, score,
  explanation, started_at_us, activated_at_us, ended_at_us, end_reason, ended_by, end_comment)
SELECT id, program_id, mentor, mentee,
  CASE status WHEN 'ended' THEN 'ended_early' ELSE 'active' END,
  proposal_id, score, explanation, started_at_us, started_at_us, ended_at_us, end_reason, '', ''
FROM relationships;
DROP TABLE relationships;
ALTER TABLE relationships_next RENAME TO relationships;
{{postgresql}} SELECT setval(pg_get_serial_sequence('relationships', 'id'),
  (SELECT COALESCE(MAX(id), 0) + 1 FROM relationships), false);
CREATE INDEX relationships_program_idx ON relationships (program_id, id);
CREATE INDEX relationships_program_status_idx ON relationships (program_id, status, id);
CREATE INDEX relationships_mentor_idx ON relationships (mentor);
CREATE INDEX relationships_mentee_idx ON relationships (mentee);
CREATE INDEX relationships_proposal_idx ON relationships (proposal_id);
-- A mentee has at most one relationship in force per program.
CREATE UNIQUE INDEX relationships_one_active_idx ON relationships (program_id, mentee)
  WHERE status IN ('pending_agreement', 'active');

CREATE TABLE agreement_templates (
  program_id BIGINT PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
  confidentiality TEXT NOT NULL,
  cadence_days INTEGER NOT NULL,
  length_months INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('virtual', 'in_person', 'mixed')),
  how_to_end TEXT NOT NULL,
  updated_by {{key}} NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE relationship_agreements (
  relationship_id BIGINT PRIMARY KEY REFERENCES relationships (id) ON DELETE CASCADE,
  confidentiality TEXT NOT NULL,
  cadence_days INTEGER NOT NULL,
  length_months INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('virtual', 'in_person', 'mixed')),
  how_to_end TEXT NOT NULL,
  version INTEGER NOT NULL,
  adjusted_by {{key}} NOT NULL,
  mentor_accepted_at_us BIGINT,
  mentee_accepted_at_us BIGINT
);
)sql";

// 0013: SMART goals of a relationship, their milestones and the history of every change.
constexpr std::string_view kGoals = R"sql(
CREATE TABLE goals (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  measure TEXT NOT NULL,
  target TEXT NOT NULL,
  relevance TEXT NOT NULL,
  skill TEXT NOT NULL,
  due_date TEXT,
  progress_mode TEXT NOT NULL CHECK (progress_mode IN ('manual', 'milestones')),
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
  achievable_at_us BIGINT,
  completed_at_us BIGINT,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX goals_relationship_idx ON goals (relationship_id, id);

CREATE TABLE goal_milestones (
  id {{id}},
  goal_id BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  due_date TEXT,
  done_at_us BIGINT
);
CREATE INDEX goal_milestones_goal_idx ON goal_milestones (goal_id, id);

CREATE TABLE goal_events (
  id {{id}},
  goal_id BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  at_us BIGINT NOT NULL,
  by_employee {{key}} NOT NULL,
  field TEXT NOT NULL,
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL
);
CREATE INDEX goal_events_goal_idx ON goal_events (goal_id, id);
)sql";

// 0014: notes, feedback and introductions of a relationship. Their text is sealed by the domain
// (crypto_secretbox with the deployment's key, named by key_id) before it reaches this table, so a
// dump does not reveal it.
constexpr std::string_view kNotes = R"sql(
CREATE TABLE notes (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  author {{key}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private', 'shared')),
  sealed TEXT NOT NULL,
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX notes_relationship_idx ON notes (relationship_id, created_at_us);

-- Feedback both ways: one answer per author, occasion and round.
CREATE TABLE feedback (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  author {{key}} NOT NULL,
  from_side TEXT NOT NULL CHECK (from_side IN ('mentor', 'mentee')),
  occasion TEXT NOT NULL CHECK (occasion IN ('pulse', 'midpoint', 'end')),
  round INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  UNIQUE (relationship_id, author, occasion, round)
);

-- The mentor introduced the mentee to someone in the directory.
CREATE TABLE introductions (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  introduced {{key}} NOT NULL,
  why TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX introductions_relationship_idx ON introductions (relationship_id, id);
)sql";

// 0015: a relationship also starts when a mentor accepts a self-match request. It names its
// source, and its proposal only when matching published it (proposal_id becomes nullable by
// rename, add, copy, drop: the steps SQLite and PostgreSQL both take without rebuilding the
// table) or its request when self-match made it. One mentee, one active relationship per
// program (relationships_one_active_idx) now also holds the self-match rule the accepted-request
// index held. Requests accepted before this migration get their relationship, active as
// relationships made before agreements existed (migration 0012).
constexpr std::string_view kSelfMatchRelationships = R"sql(
DROP INDEX relationships_proposal_idx;
ALTER TABLE relationships RENAME COLUMN proposal_id TO proposal_id_0010;
ALTER TABLE relationships ADD COLUMN proposal_id BIGINT REFERENCES proposals (id);
UPDATE relationships SET proposal_id = proposal_id_0010;
ALTER TABLE relationships DROP COLUMN proposal_id_0010;
CREATE INDEX relationships_proposal_idx ON relationships (proposal_id);
ALTER TABLE relationships ADD COLUMN source TEXT NOT NULL DEFAULT 'matching'
  CHECK (source IN ('matching', 'self_match'));
ALTER TABLE relationships ADD COLUMN match_request_id BIGINT REFERENCES match_requests (id);
CREATE INDEX relationships_request_idx ON relationships (match_request_id);
CREATE INDEX relationships_program_mentor_idx ON relationships (program_id, mentor, status);
DROP INDEX match_requests_one_accepted_idx;
INSERT INTO relationships (program_id, mentor, mentee, status, score, explanation,
  started_at_us, activated_at_us, end_reason, ended_by, end_comment, source, match_request_id)
  SELECT r.program_id, r.mentor, r.mentee, 'active', 0,
    'The mentee asked for this mentor and the mentor accepted.',
    COALESCE(r.responded_at_us, r.created_at_us), COALESCE(r.responded_at_us, r.created_at_us),
    '', '', '', 'self_match', r.id
  FROM match_requests r
  WHERE r.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM relationships x
    WHERE x.program_id = r.program_id AND x.mentee = r.mentee
      AND x.status IN ('pending_agreement', 'active'));
)sql";

// 0016: hardening. At most one queued or running matching run per program, whatever servers
// race to queue one (the service's "run in progress" check alone let two through). Runs that
// older servers queued twice are settled first: a running one is kept, else the oldest queued.
// SCIM userNames that are not the person's email (Entra sends its UPN or "Test_User_<guid>"),
// unique ignoring case through user_name_key (lower-cased by the repository).
constexpr std::string_view kHardening = R"sql(
UPDATE proposals SET status = 'cancelled', finished_at_us = created_at_us,
    error = 'another run of this program was under way'
  WHERE status = 'queued' AND EXISTS (
    SELECT 1 FROM proposals o WHERE o.program_id = proposals.program_id AND o.status = 'running');
UPDATE proposals SET status = 'cancelled', finished_at_us = created_at_us,
    error = 'another run of this program was under way'
  WHERE status IN ('queued', 'running') AND id > (
    SELECT MIN(o.id) FROM proposals o
    WHERE o.program_id = proposals.program_id AND o.status = proposals.status);
CREATE UNIQUE INDEX proposals_one_live_run_idx ON proposals (program_id)
  WHERE status IN ('queued', 'running');

CREATE TABLE person_user_names (
  person_id BIGINT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  user_name TEXT NOT NULL,
  user_name_key {{key}} NOT NULL UNIQUE
);
)sql";

// 0018: meetings (issue 19): weekly availability, meetings of relationships, and the outbox's
// optional calendar part (an invite sent as text/calendar).
constexpr std::string_view kMeetings = R"sql(
CREATE TABLE availability_windows (
  employee_id {{key}} NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  CHECK (start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440),
  PRIMARY KEY (employee_id, weekday, start_minute)
);
CREATE TABLE availability_saves (
  employee_id {{key}} PRIMARY KEY,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE meetings (
  id {{id}},
  relationship_id BIGINT NOT NULL,
  mentor {{key}} NOT NULL,
  mentee {{key}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'scheduled', 'cancelled', 'held', 'missed')),
  mode TEXT NOT NULL CHECK (mode IN ('virtual', 'in_person', 'phone')),
  starts_at_us BIGINT NOT NULL,
  ends_at_us BIGINT NOT NULL,
  location TEXT NOT NULL,
  video_url TEXT NOT NULL,
  agenda TEXT NOT NULL,
  proposed_by {{key}} NOT NULL,
  organizer {{key}} NOT NULL,
  uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  CHECK (starts_at_us < ends_at_us)
);
CREATE INDEX meetings_relationship_idx ON meetings (relationship_id, starts_at_us);
CREATE INDEX meetings_mentor_idx ON meetings (mentor, starts_at_us);
CREATE INDEX meetings_mentee_idx ON meetings (mentee, starts_at_us);

ALTER TABLE mail_outbox ADD COLUMN calendar_method TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN calendar TEXT NOT NULL DEFAULT '';
)sql";

// 0019: personal calendar feeds (issue 19): one secret link per person, the token stored only
// as its SHA-256; meeting logs and the action items raised at meetings.
constexpr std::string_view kCalendarFeeds = R"sql(
CREATE TABLE calendar_feeds (
  employee_id {{key}} PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at_us BIGINT NOT NULL
);

ALTER TABLE meetings ADD COLUMN log_minutes INTEGER;
ALTER TABLE meetings ADD COLUMN log_topics TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN logged_by TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN logged_at_us BIGINT;

CREATE TABLE action_items (
  id {{id}},
  relationship_id BIGINT NOT NULL,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  owner TEXT NOT NULL CHECK (owner IN ('mentor', 'mentee')),
  due TEXT NOT NULL,
  done INTEGER NOT NULL,
  done_at_us BIGINT,
  created_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX action_items_relationship_idx ON action_items (relationship_id, done, due);
)sql";

// 0022: relationship health and nudges (issue 22). The scheduler's ticks, one row a period
// (claimed with a lease, so two servers never both run one period and a dead server's tick is
// taken over); per-program health settings and nudge ladders (no rows: the defaults); the stored
// health of each active relationship (so the board pages from one table); every nudge sent, at
// most once per (relationship, step, period, recipient); meeting reminders, once per meeting;
// people who turned off non-essential reminders.
constexpr std::string_view kHealth = R"sql(
CREATE TABLE scheduler_ticks (
  period TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  claimed_by TEXT NOT NULL,
  lease_until_us BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  started_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  summary TEXT NOT NULL
);
CREATE INDEX scheduler_ticks_started_idx ON scheduler_ticks (started_at_us);

CREATE TABLE health_settings (
  program_id BIGINT PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
  weight_cadence INTEGER NOT NULL,
  weight_recency INTEGER NOT NULL,
  weight_goals INTEGER NOT NULL,
  weight_feedback INTEGER NOT NULL,
  weight_responsiveness INTEGER NOT NULL,
  weight_first_meeting INTEGER NOT NULL,
  on_track_min INTEGER NOT NULL,
  at_risk_below INTEGER NOT NULL,
  grace_days INTEGER NOT NULL,
  first_meeting_days INTEGER NOT NULL,
  answer_days INTEGER NOT NULL,
  max_nudges_per_week INTEGER NOT NULL,
  updated_by {{key}} NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE nudge_steps (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  trigger_label TEXT NOT NULL CHECK (trigger_label IN ('needs_attention', 'at_risk')),
  recipients TEXT NOT NULL,
  delay_days INTEGER NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (program_id, position)
);

CREATE TABLE relationship_health (
  relationship_id BIGINT PRIMARY KEY REFERENCES relationships (id) ON DELETE CASCADE,
  program_id BIGINT NOT NULL,
  score INTEGER NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('on_track', 'needs_attention', 'at_risk')),
  grace INTEGER NOT NULL,
  components TEXT NOT NULL,
  flagged_components TEXT NOT NULL,
  flagged_sides TEXT NOT NULL,
  reasons TEXT NOT NULL,
  flagged_since_us BIGINT,
  computed_at_us BIGINT NOT NULL
);
CREATE INDEX relationship_health_board_idx ON relationship_health (program_id, score, relationship_id);

CREATE TABLE nudges (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  period TEXT NOT NULL,
  recipient {{key}} NOT NULL,
  recipient_role TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL,
  UNIQUE (relationship_id, step, period, recipient)
);
CREATE INDEX nudges_recipient_idx ON nudges (recipient, created_at_us);

CREATE TABLE meeting_reminders (
  meeting_id BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
  sent_at_us BIGINT NOT NULL
);

CREATE TABLE reminder_opt_outs (
  employee_id {{key}} PRIMARY KEY,
  at_us BIGINT NOT NULL
);
)sql";

// 0020: single sign-on (issue 20). One row of provider settings (the client secret never
// leaves the server) and the sign-ins in flight: state (hashed), nonce, PKCE verifier and the
// hash of the browser cookie, single use and expiring, so any server may finish them.
constexpr std::string_view kSingleSignOn = R"sql(
CREATE TABLE sso_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  provider_name TEXT NOT NULL,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  match_by TEXT NOT NULL CHECK (match_by IN ('email', 'employee_id')),
  claim TEXT NOT NULL,
  password_sign_in INTEGER NOT NULL CHECK (password_sign_in IN (0, 1)),
  updated_at_us BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE sso_attempts (
  id {{id}},
  state_hash {{key}} NOT NULL UNIQUE,
  browser_hash TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  used_at_us BIGINT
);
CREATE INDEX sso_attempts_expiry_idx ON sso_attempts (expires_at_us);
)sql";

// 0021: group programs (issue 19). A group is the mentor's relationships in a group program —
// one mentor, several mentees — so it needs no table of its own; its shared notes do, keyed by
// the program and the mentor, sealed like every note (NoteCipher).
constexpr std::string_view kGroupNotes = R"sql(
CREATE TABLE group_notes (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  mentor {{key}} NOT NULL,
  author {{key}} NOT NULL,
  sealed TEXT NOT NULL,
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX group_notes_group_idx ON group_notes (program_id, mentor, created_at_us);
)sql";

// 0030: agreement and feedback reminders (issue 22), each sent once: keyed by the
// relationship, the kind, what it is about (0 for the agreement; the logged meeting for
// feedback) and the recipient, so a re-run or two servers ticking at once never send one twice.
constexpr std::string_view kRelationshipReminders = R"sql(
CREATE TABLE relationship_reminders (
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('agreement', 'feedback')),
  about BIGINT NOT NULL,
  recipient {{key}} NOT NULL,
  sent_at_us BIGINT NOT NULL,
  PRIMARY KEY (relationship_id, kind, about, recipient)
);
)sql";

// 0027: what the program's shadow mentor writes to a pair (issue 19): mailed to both and kept on
// the relationship.
constexpr std::string_view kPairMessages = R"sql(
CREATE TABLE pair_messages (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  author {{key}} NOT NULL,
  text TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX pair_messages_relationship_idx ON pair_messages (relationship_id, id);
)sql";

// 0042: mentor resources (issue 21): guidelines in Markdown that admins and coordinators write,
// tagged by topic (",key,key,"), searched over `search_text` (title, topics' labels and body,
// lowered by the domain). A draft (published 0) is read by who may change it.
constexpr std::string_view kResources = R"sql(
CREATE TABLE resources (
  id {{id}},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  topics TEXT NOT NULL,
  published INTEGER NOT NULL CHECK (published IN (0, 1)),
  author {{key}} NOT NULL,
  updated_by {{key}} NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  search_text TEXT NOT NULL
);
CREATE INDEX resources_updated_idx ON resources (published, updated_at_us);
)sql";

// 0032: the weekly nudge limit held by the database, and the health board's history (issue 22).
// nudge_slots: each person has at most max_nudges_per_week slots; a ladder nudge claims one (a
// slot is free again 7 days after its last use) in the transaction that records it, so two ticks
// at once cannot both take the last one. The slots start from the nudges already sent (the newest
// 20 of each person, 20 being the highest limit). health_label_days: per program and day (UTC),
// how many active pairs had each label, written by every tick (the day's last tick wins).
constexpr std::string_view kHealthHistory = R"sql(
CREATE TABLE nudge_slots (
  recipient {{key}} NOT NULL,
  slot INTEGER NOT NULL,
  used_at_us BIGINT NOT NULL,
  PRIMARY KEY (recipient, slot)
);
INSERT INTO nudge_slots (recipient, slot, used_at_us)
  SELECT recipient, n, created_at_us FROM (SELECT recipient, created_at_us, ROW_NUMBER() OVER
    (PARTITION BY recipient ORDER BY created_at_us DESC, id DESC) AS n FROM nudges) newest
  WHERE n <= 20;
CREATE TABLE health_label_days (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  on_track INTEGER NOT NULL,
  needs_attention INTEGER NOT NULL,
  at_risk INTEGER NOT NULL,
  PRIMARY KEY (program_id, day)
);
)sql";

// 0035: mentor credentials (issue 21). A framework version is one JSON document (read and written
// whole, never changed); version 1, the seed's default, is built in and not stored. A person has
// at most one open candidacy and a step (a training module, for step 3) at most one sign-off:
// unique indexes, so racing servers cannot write two.
constexpr std::string_view kCredentials = R"sql(
CREATE TABLE credential_frameworks (
  version INTEGER NOT NULL PRIMARY KEY,
  body TEXT NOT NULL,
  created_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE TABLE credential_reviewers (
  employee_id {{key}} NOT NULL PRIMARY KEY,
  appointed_by {{key}} NOT NULL,
  appointed_at_us BIGINT NOT NULL
);
CREATE TABLE credential_candidates (
  id {{id}},
  employee_id {{key}} NOT NULL,
  framework_version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'selected', 'declined', 'credentialed')),
  motivation TEXT NOT NULL,
  experience TEXT NOT NULL,
  cohort TEXT NOT NULL,
  applied_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX credential_candidates_person_idx ON credential_candidates (employee_id);
CREATE UNIQUE INDEX credential_candidates_open_idx ON credential_candidates (employee_id)
  WHERE status IN ('applied', 'selected');
CREATE TABLE credential_sign_offs (
  id {{id}},
  candidate_id BIGINT NOT NULL REFERENCES credential_candidates (id) ON DELETE CASCADE,
  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 7),
  topic TEXT NOT NULL,
  signed_by {{key}} NOT NULL,
  signed_at_us BIGINT NOT NULL,
  evidence TEXT NOT NULL,
  scores TEXT NOT NULL,
  framework_version INTEGER NOT NULL,
  UNIQUE (candidate_id, step, topic)
);
CREATE TABLE credentials (
  id {{id}},
  holder {{key}} NOT NULL,
  candidate_id BIGINT REFERENCES credential_candidates (id),
  framework_version INTEGER NOT NULL,
  issued_by {{key}} NOT NULL,
  note TEXT NOT NULL,
  issued_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT,
  revoked_by {{key}} NOT NULL,
  revoke_reason TEXT NOT NULL
);
CREATE INDEX credentials_holder_idx ON credentials (holder, id);
CREATE INDEX credentials_current_idx ON credentials (expires_at_us);
)sql";

// 0036: evidence files of the credential path (issue 21). The bytes live in the database, not on
// a server's disk, so every server sharing one PostgreSQL serves them; they are stored as base64
// text, which SQLite and PostgreSQL read and write alike through SOCI (a file is at most 10 MB).
// The list reads only the metadata columns.
constexpr std::string_view kCredentialEvidenceFiles = R"sql(
CREATE TABLE credential_evidence_files (
  id {{id}},
  candidate_id BIGINT NOT NULL REFERENCES credential_candidates (id) ON DELETE CASCADE,
  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  uploaded_by {{key}} NOT NULL,
  uploaded_at_us BIGINT NOT NULL,
  content_base64 TEXT NOT NULL
);
CREATE INDEX credential_evidence_files_candidate_idx ON credential_evidence_files (candidate_id, id);
)sql";

// 0047: renewal reminders of credentials (issue 21). One row per reminder point sent, written in
// the transaction that queues its mails: a tick that runs twice, or on two servers, finds the
// row and sends nothing again.
constexpr std::string_view kCredentialRenewalReminders = R"sql(
CREATE TABLE credential_renewal_reminders (
  credential_id BIGINT NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
  days_before INTEGER NOT NULL,
  sent_at_us BIGINT NOT NULL,
  PRIMARY KEY (credential_id, days_before)
);
)sql";

// 0051: quiz attempts of credential candidates (issue 21). Every try is kept, passed or not, with
// the answers chosen (JSON) and the score; the quiz itself is in the framework version the
// attempt names. A passed attempt is written with the module's step 3 sign-off.
constexpr std::string_view kCredentialQuizAttempts = R"sql(
CREATE TABLE credential_quiz_attempts (
  id {{id}},
  candidate_id BIGINT NOT NULL REFERENCES credential_candidates (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  framework_version INTEGER NOT NULL,
  answers TEXT NOT NULL,
  score INTEGER NOT NULL,
  total INTEGER NOT NULL,
  pass_mark INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  taken_by TEXT NOT NULL,
  taken_at_us BIGINT NOT NULL
);
CREATE INDEX credential_quiz_attempts_by_candidate
  ON credential_quiz_attempts (candidate_id, taken_at_us);
)sql";

// 0049: competency assessments (issue 23): the skills each program assesses, in order, and the
// pairs' sheets (one per relationship, rater and phase, with a version for stale writes) with
// their ratings.
constexpr std::string_view kCompetencyAssessments = R"sql(
CREATE TABLE assessment_competencies (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code {{key}} NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (program_id, position)
);
CREATE TABLE assessments (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  rater TEXT NOT NULL CHECK (rater IN ('mentor', 'mentee')),
  phase TEXT NOT NULL CHECK (phase IN ('start', 'end')),
  version INTEGER NOT NULL,
  updated_at_us BIGINT NOT NULL,
  UNIQUE (relationship_id, rater, phase)
);
CREATE INDEX assessments_program ON assessments (program_id);
CREATE TABLE assessment_ratings (
  assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  competency {{key}} NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (assessment_id, competency)
);
)sql";

// 0033: one store for every note (issue 19). Group notes (0021) move into `notes`, scoped by
// the group (program and mentor) where a relationship's notes are scoped by the relationship;
// they keep author, sealed text, key, version and times, and take new ids (the two tables
// numbered apart). SQLite cannot make a column nullable in place, so the table is rebuilt.
constexpr std::string_view kOneNoteStore = R"sql(
CREATE TABLE notes_next (
  id {{id}},
  relationship_id BIGINT REFERENCES relationships (id) ON DELETE CASCADE,
  group_program_id BIGINT REFERENCES programs (id) ON DELETE CASCADE,
  group_mentor {{key}},
  author {{key}} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('private', 'shared', 'group')),
  sealed TEXT NOT NULL,
  key_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  CHECK ((kind = 'group') = (relationship_id IS NULL)),
  CHECK ((kind = 'group') = (group_program_id IS NOT NULL AND group_mentor IS NOT NULL))
);
INSERT INTO notes_next (id, relationship_id, author, kind, sealed, key_id, version,
  created_at_us, updated_at_us)
SELECT id, relationship_id, author, kind, sealed, key_id, version, created_at_us, updated_at_us
FROM notes;
{{postgresql}} SELECT setval(pg_get_serial_sequence('notes_next', 'id'),
  (SELECT COALESCE(MAX(id), 0) + 1 FROM notes_next), false);
INSERT INTO notes_next (group_program_id, group_mentor, author, kind, sealed, key_id, version,
  created_at_us, updated_at_us)
SELECT program_id, mentor, author, 'group', sealed, key_id, version, created_at_us, updated_at_us
FROM group_notes ORDER BY id;
DROP TABLE notes;
DROP TABLE group_notes;
ALTER TABLE notes_next RENAME TO notes;
CREATE INDEX notes_relationship_idx ON notes (relationship_id, created_at_us);
CREATE INDEX notes_group_idx ON notes (group_program_id, group_mentor, created_at_us);
)sql";

// 0037: surveys (issue 23): one row a survey with its schedule, and one row a version of its
// questions (the form engine's JSON, as application forms).
constexpr std::string_view kSurveys = R"sql(
CREATE TABLE surveys (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  intro TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('start', 'midpoint', 'end', 'pulse', 'closure', 'after_meeting')),
  privacy TEXT NOT NULL CHECK (privacy IN ('anonymous', 'confidential')),
  audience TEXT NOT NULL CHECK (audience IN ('mentors', 'mentees', 'both')),
  anchor TEXT NOT NULL
    CHECK (anchor IN ('after_start', 'halfway', 'before_end', 'every', 'after_ending')),
  days INTEGER NOT NULL,
  open_days INTEGER NOT NULL,
  reminder_days INTEGER NOT NULL,
  min_group INTEGER NOT NULL CHECK (min_group >= 3),
  active INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX surveys_program_idx ON surveys (program_id, id);
CREATE TABLE survey_versions (
  survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  questions TEXT NOT NULL,
  PRIMARY KEY (survey_id, version)
);
)sql";

// 0038: who a survey went to (one row per survey, relationship, person and pulse round, with
// the hashes of its one-time links) and the answers. An anonymous survey's answers carry no
// invitation, person or time, and are keyed by a random text, so that nothing orders or joins
// them back to who answered; survey_invitations.answered only says who did, for reminders.
constexpr std::string_view kSurveyAnswers = R"sql(
CREATE TABLE survey_invitations (
  id {{id}},
  survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  employee_id {{key}} NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  department TEXT NOT NULL,
  site TEXT NOT NULL,
  level_band TEXT NOT NULL,
  round INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  reminder_token_hash TEXT UNIQUE,
  sent_at_us BIGINT NOT NULL,
  closes_at_us BIGINT NOT NULL,
  reminded_at_us BIGINT,
  answered INTEGER NOT NULL,
  UNIQUE (survey_id, relationship_id, employee_id, round)
);
CREATE INDEX survey_invitations_person_idx ON survey_invitations (employee_id, id);
CREATE TABLE survey_answers (
  answer_key TEXT PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  invitation_id BIGINT REFERENCES survey_invitations (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  department TEXT NOT NULL,
  site TEXT NOT NULL,
  level_band TEXT NOT NULL,
  answers TEXT NOT NULL
);
CREATE INDEX survey_answers_survey_idx ON survey_answers (survey_id, department);
CREATE UNIQUE INDEX survey_answers_invitation_idx ON survey_answers (invitation_id);
)sql";

// 0046: surveys sent after each logged meeting or relative to the program's dates (issue 23):
// three more schedule anchors. PostgreSQL swaps the CHECK constraint. SQLite cannot alter one,
// and dropping `surveys` while its children exist would cascade-delete them (foreign keys are
// on), so the four survey tables are rebuilt as *_next, the old ones dropped children first,
// and the new ones renamed (SQLite rewrites the children's references on rename).
constexpr std::string_view kSurveyAnchors = R"sql(
{{postgresql}} ALTER TABLE surveys DROP CONSTRAINT surveys_anchor_check;
{{postgresql}} ALTER TABLE surveys ADD CONSTRAINT surveys_anchor_check CHECK (anchor IN
  ('after_start', 'halfway', 'before_end', 'every', 'after_ending', 'after_meeting',
   'after_program_start', 'before_program_end'));
{{sqlite}} CREATE TABLE surveys_next (
  id {{id}},
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  intro TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('start', 'midpoint', 'end', 'pulse', 'closure', 'after_meeting')),
  privacy TEXT NOT NULL CHECK (privacy IN ('anonymous', 'confidential')),
  audience TEXT NOT NULL CHECK (audience IN ('mentors', 'mentees', 'both')),
  anchor TEXT NOT NULL CHECK (anchor IN ('after_start', 'halfway', 'before_end', 'every',
    'after_ending', 'after_meeting', 'after_program_start', 'before_program_end')),
  days INTEGER NOT NULL,
  open_days INTEGER NOT NULL,
  reminder_days INTEGER NOT NULL,
  min_group INTEGER NOT NULL CHECK (min_group >= 3),
  active INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL
);
{{sqlite}} INSERT INTO surveys_next SELECT id, program_id, title, intro, kind, privacy, audience,
  anchor, days, open_days, reminder_days, min_group, active, version, created_at_us FROM surveys;
{{sqlite}} CREATE TABLE survey_versions_next (
  survey_id BIGINT NOT NULL REFERENCES surveys_next (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  questions TEXT NOT NULL,
  PRIMARY KEY (survey_id, version)
);
{{sqlite}} INSERT INTO survey_versions_next SELECT survey_id, version, questions
  FROM survey_versions;
{{sqlite}} CREATE TABLE survey_invitations_next (
  id {{id}},
  survey_id BIGINT NOT NULL REFERENCES surveys_next (id) ON DELETE CASCADE,
  relationship_id BIGINT NOT NULL REFERENCES relationships (id) ON DELETE CASCADE,
  employee_id {{key}} NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  department TEXT NOT NULL,
  site TEXT NOT NULL,
  level_band TEXT NOT NULL,
  round INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  reminder_token_hash TEXT UNIQUE,
  sent_at_us BIGINT NOT NULL,
  closes_at_us BIGINT NOT NULL,
  reminded_at_us BIGINT,
  answered INTEGER NOT NULL,
  UNIQUE (survey_id, relationship_id, employee_id, round)
);
{{sqlite}} INSERT INTO survey_invitations_next SELECT id, survey_id, relationship_id, employee_id,
  side, department, site, level_band, round, token_hash, reminder_token_hash, sent_at_us,
  closes_at_us, reminded_at_us, answered FROM survey_invitations;
{{sqlite}} CREATE TABLE survey_answers_next (
  answer_key TEXT PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES surveys_next (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  invitation_id BIGINT REFERENCES survey_invitations_next (id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  department TEXT NOT NULL,
  site TEXT NOT NULL,
  level_band TEXT NOT NULL,
  answers TEXT NOT NULL
);
{{sqlite}} INSERT INTO survey_answers_next SELECT answer_key, survey_id, version, invitation_id,
  side, department, site, level_band, answers FROM survey_answers;
{{sqlite}} DROP TABLE survey_answers;
{{sqlite}} DROP TABLE survey_invitations;
{{sqlite}} DROP TABLE survey_versions;
{{sqlite}} DROP TABLE surveys;
{{sqlite}} ALTER TABLE surveys_next RENAME TO surveys;
{{sqlite}} ALTER TABLE survey_versions_next RENAME TO survey_versions;
{{sqlite}} ALTER TABLE survey_invitations_next RENAME TO survey_invitations;
{{sqlite}} ALTER TABLE survey_answers_next RENAME TO survey_answers;
{{sqlite}} CREATE INDEX surveys_program_idx ON surveys (program_id, id);
{{sqlite}} CREATE INDEX survey_invitations_person_idx ON survey_invitations (employee_id, id);
{{sqlite}} CREATE INDEX survey_answers_survey_idx ON survey_answers (survey_id, department);
{{sqlite}} CREATE UNIQUE INDEX survey_answers_invitation_idx ON survey_answers (invitation_id);
)sql";

// 0031: one-click unsubscribe from reminders (issue 20, RFC 8058). The outbox keeps whose
// reminder a message is (the sender makes its link at delivery); each link's token is stored
// only as its SHA-256, for the person it turns reminders off for and the kind of mail it came
// in, so any server can honour it and a database reader cannot use it.
constexpr std::string_view kUnsubscribeLinks = R"sql(
ALTER TABLE mail_outbox ADD COLUMN reminder_for TEXT NOT NULL DEFAULT '';

CREATE TABLE unsubscribe_tokens (
  token_hash {{key}} PRIMARY KEY,
  employee_id {{key}} NOT NULL,
  kind TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  used_at_us BIGINT
);
CREATE INDEX unsubscribe_tokens_employee_idx ON unsubscribe_tokens (employee_id);
)sql";

// 0041: webhooks (issue 24). Endpoints an admin registered (the signing secret sealed with the
// notes key: it must be usable to sign), and the delivery queue: one row per (event, endpoint),
// its JSON body fixed at enqueue, claimed by a sender under a lease as the mail outbox is, with
// its attempts and the receiver's last answer for the delivery log.
constexpr std::string_view kWebhooks = R"sql(
CREATE TABLE webhook_endpoints (
  id {{id}},
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  events TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  sealed_secret TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id {{id}},
  endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  event_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'delivered', 'failed')),
  attempts INTEGER NOT NULL,
  last_status INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  next_attempt_at_us BIGINT NOT NULL,
  delivered_at_us BIGINT,
  claimed_by TEXT,
  lease_until_us BIGINT
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at_us);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);
)sql";

// 0034: whether a run was a what-if (settings given for that run only, not saved), so that runs
// lists and Compare label it and publishing it asks for a word (issue 18). Runs before this
// migration were ordinary runs as far as anyone can tell.
constexpr std::string_view kWhatIfRuns = R"sql(
ALTER TABLE proposals ADD COLUMN what_if INTEGER NOT NULL DEFAULT 0;
)sql";

// 0045: group meetings (issue 19): one meeting for a group (its program and its mentor), and
// each invited mentee's answer and attendance.
constexpr std::string_view kGroupMeetings = R"sql(
CREATE TABLE group_meetings (
  id {{id}},
  program_id BIGINT NOT NULL,
  mentor {{key}} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'held', 'missed')),
  mode TEXT NOT NULL CHECK (mode IN ('virtual', 'in_person', 'phone')),
  starts_at_us BIGINT NOT NULL,
  ends_at_us BIGINT NOT NULL,
  location TEXT NOT NULL,
  video_url TEXT NOT NULL,
  agenda TEXT NOT NULL,
  uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  log_minutes INTEGER,
  log_topics TEXT NOT NULL DEFAULT '',
  logged_by {{key}} NOT NULL DEFAULT '',
  logged_at_us BIGINT,
  CHECK (starts_at_us < ends_at_us)
);
CREATE INDEX group_meetings_group_idx ON group_meetings (program_id, mentor, starts_at_us);
CREATE INDEX group_meetings_mentor_idx ON group_meetings (mentor, starts_at_us);
CREATE TABLE group_meeting_attendees (
  meeting_id BIGINT NOT NULL REFERENCES group_meetings (id) ON DELETE CASCADE,
  employee_id {{key}} NOT NULL,
  response TEXT NOT NULL CHECK (response IN ('pending', 'accepted', 'declined')),
  responded_at_us BIGINT,
  attended INTEGER CHECK (attended IN (0, 1)),
  PRIMARY KEY (meeting_id, employee_id)
);
CREATE INDEX group_meeting_attendees_person_idx ON group_meeting_attendees (employee_id);
)sql";

// 0044: what the scheduler's tick and the health board read at 20,000 relationships (issue 22).
// Meetings by status, then relationship, with their dates: one covering index for the held
// meetings counted per relationship (grouped in relationship order, or for one relationship),
// the proposed waiting for an answer and the scheduled starting tomorrow. (With status second, or
// a second index on status alone, SQLite without statistics chose a status search with a row
// lookup per meeting and a sort: the tick took twice as long.) Then the board's label counts;
// nudges since a day.
constexpr std::string_view kHealthIndexes = R"sql(
CREATE INDEX meetings_status_relationship_idx ON meetings (status, relationship_id, starts_at_us, logged_at_us);
CREATE INDEX relationship_health_label_idx ON relationship_health (program_id, label);
CREATE INDEX nudges_created_idx ON nudges (created_at_us);
)sql";

// 0050: which questions each survey answer sheet answers (domain::IsAnswered), with the sheet's
// groups, so that one group's results count every group's answered questions with a GROUP BY
// over an index instead of taking every sheet's JSON apart (issue 23: 20,000 answers by
// department). Written with each sheet (SurveySheetInsert); the sheets already stored are
// filled here by the same rule on the stored text (nlohmann's compact dump: a value is answered
// unless it is [] or its first element is ""). PostgreSQL cannot take apart a stored \u0000 (a
// NUL in a free text): a space stands in for it, which changes neither an id nor emptiness.
// Nothing here names a person: anonymous sheets stay keyed by their random answer_key.
constexpr std::string_view kSurveyAnswered = R"sql(
CREATE TABLE survey_answered (
  answer_key TEXT NOT NULL REFERENCES survey_answers (answer_key) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  survey_id BIGINT NOT NULL,
  side TEXT NOT NULL,
  department TEXT NOT NULL,
  site TEXT NOT NULL,
  level_band TEXT NOT NULL,
  PRIMARY KEY (answer_key, question_id)
);
CREATE INDEX survey_answered_side_idx ON survey_answered (survey_id, side, question_id);
CREATE INDEX survey_answered_department_idx ON survey_answered (survey_id, department, question_id);
CREATE INDEX survey_answered_site_idx ON survey_answered (survey_id, site, question_id);
CREATE INDEX survey_answered_level_idx ON survey_answered (survey_id, level_band, question_id);
{{sqlite}} INSERT INTO survey_answered (answer_key, question_id, survey_id, side, department,
  site, level_band)
  SELECT a.answer_key, j.key, a.survey_id, a.side, a.department, a.site, a.level_band
  FROM survey_answers a CROSS JOIN json_each(a.answers) j
  WHERE CAST(j.value AS TEXT) <> '[]' AND CAST(j.value AS TEXT) NOT LIKE '[""%';
{{postgresql}} INSERT INTO survey_answered (answer_key, question_id, survey_id, side,
  department, site, level_band)
  SELECT a.answer_key, j.key, a.survey_id, a.side, a.department, a.site, a.level_band
  FROM survey_answers a CROSS JOIN json_each(replace(a.answers, '\u0000', '\u0020')::json) j
  WHERE CAST(j.value AS TEXT) <> '[]' AND CAST(j.value AS TEXT) NOT LIKE '[""%';
)sql";

// 0053: action items raised at group meetings (issue 19): owned by the group's mentor or one of
// its mentees (`owner` their part, `owner_id` who), kept per group (its program and mentor).
constexpr std::string_view kGroupActionItems = R"sql(
CREATE TABLE group_action_items (
  id {{id}},
  meeting_id BIGINT NOT NULL REFERENCES group_meetings (id) ON DELETE CASCADE,
  program_id BIGINT NOT NULL,
  mentor {{key}} NOT NULL,
  owner_id {{key}} NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL CHECK (owner IN ('mentor', 'mentee')),
  due TEXT NOT NULL,
  done INTEGER NOT NULL,
  done_at_us BIGINT,
  created_by {{key}} NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX group_action_items_group_idx ON group_action_items (program_id, mentor, done, due);
)sql";

// 0054: each relationship's held pair meetings counted, with the first and last held start
// (issue 24: a program's dashboard read 400,000 meetings to count them per request). Kept by
// every write of a pair meeting in its transaction (storage/held_meetings_sql.h,
// RecountHeldMeetings); filled here from the meetings already stored, a row for every
// relationship with a meeting. No foreign key: meetings name their relationship without one.
// And the directory's people by what the dashboard's eligible count groups them by
// (ReportReader::CountPeopleGroups): the 100,000-person count reads this index in order instead
// of the table and a sort (SQLite, 112 -> 24 ms of CPU).
constexpr std::string_view kRelationshipHeldMeetings = R"sql(
CREATE TABLE relationship_held_meetings (
  relationship_id BIGINT PRIMARY KEY,
  held BIGINT NOT NULL,
  first_held_us BIGINT,
  last_held_us BIGINT
);
INSERT INTO relationship_held_meetings (relationship_id, held, first_held_us, last_held_us)
  SELECT relationship_id, SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END),
    MIN(CASE WHEN status = 'held' THEN starts_at_us END),
    MAX(CASE WHEN status = 'held' THEN starts_at_us END)
  FROM meetings GROUP BY relationship_id;
CREATE INDEX people_report_groups_idx ON people (department_id, site_id, level, status, hire_date);
)sql";

// 0055: each answered question's first value when it is a whole number (1 to 9 digits: every
// scale and NPS answer), so that the dashboard's scores are counted per question and value in
// SQL instead of taking 20,000 sheets apart per request (issue 24). Written with each sheet
// (SurveySheetInsert); filled here from the stored sheets by the same rule. SQLite's length()
// and GLOB stop at a NUL, so the value is also matched against the stored text, where a NUL
// is an escape (and no digit); PostgreSQL
// cannot take apart a stored \u0000: a space stands in for it, as in 0050 (no digit is one).
constexpr std::string_view kSurveyAnsweredNumbers = R"sql(
ALTER TABLE survey_answered ADD COLUMN first_number INTEGER;
{{sqlite}} UPDATE survey_answered SET first_number = (SELECT CAST(v.fv AS INTEGER) FROM
  (SELECT json_extract(j.value, '$[0]') AS fv, j.value AS raw FROM survey_answers a
   CROSS JOIN json_each(a.answers) j WHERE a.answer_key = survey_answered.answer_key
   AND j.key = survey_answered.question_id AND json_type(j.value, '$[0]') = 'text') v
  WHERE length(v.fv) BETWEEN 1 AND 9 AND v.fv NOT GLOB '*[^0-9]*'
  AND substr(v.raw, 1, length(v.fv) + 3) = '["' || v.fv || '"');
{{postgresql}} UPDATE survey_answered sa SET first_number = CAST(x.v AS INTEGER) FROM
  (SELECT a.answer_key, j.key, j.value ->> 0 AS v FROM survey_answers a
   CROSS JOIN json_each(replace(a.answers, '\u0000', '\u0020')::json) j) x
  WHERE x.answer_key = sa.answer_key AND x.key = sa.question_id AND x.v ~ '^[0-9]{1,9}$';
CREATE INDEX survey_answered_number_idx ON survey_answered (survey_id, question_id, first_number);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "directory", kDirectory},
    Migration{2, "accounts", kAccounts},
    Migration{3, "mail_outbox", kMailOutbox},
    Migration{4, "profiles", kProfiles},
    Migration{5, "import_mappings", kImportMappings},
    Migration{6, "scim", kScim},
    Migration{7, "programs", kPrograms},
    Migration{8, "applications", kApplications},
    Migration{9, "self_match", kMatchRequests},
    Migration{10, "matching", kMatching},
    Migration{11, "reporting_attributes", kReportingAttributes},
    Migration{12, "relationship_life", kRelationshipLife},
    Migration{13, "goals", kGoals},
    Migration{14, "relationship_records", kNotes},
    Migration{15, "self_match_relationships", kSelfMatchRelationships},
    Migration{16, "hardening", kHardening},
    Migration{18, "meetings", kMeetings},
    Migration{19, "calendar_feeds", kCalendarFeeds},
    Migration{20, "single_sign_on", kSingleSignOn},
    Migration{21, "group_notes", kGroupNotes},
    Migration{22, "relationship_health", kHealth},
    Migration{27, "pair_messages", kPairMessages},
    Migration{30, "relationship_reminders", kRelationshipReminders},
    Migration{31, "unsubscribe_links", kUnsubscribeLinks},
    Migration{32, "health_history", kHealthHistory},
    Migration{33, "one_note_store", kOneNoteStore},
    Migration{34, "what_if_runs", kWhatIfRuns},
    Migration{35, "credentials", kCredentials},
    Migration{36, "credential_evidence_files", kCredentialEvidenceFiles},
    Migration{37, "surveys", kSurveys},
    Migration{38, "survey_answers", kSurveyAnswers},
    Migration{41, "webhooks", kWebhooks},
    Migration{42, "resources", kResources},
    Migration{44, "health_indexes", kHealthIndexes},
    Migration{45, "group_meetings", kGroupMeetings},
    Migration{46, "survey_anchors", kSurveyAnchors},
    Migration{47, "credential_renewal_reminders", kCredentialRenewalReminders},
    Migration{49, "competency_assessments", kCompetencyAssessments},
    Migration{50, "survey_answered", kSurveyAnswered},
    Migration{51, "credential_quiz_attempts", kCredentialQuizAttempts},
    Migration{53, "group_action_items", kGroupActionItems},
    Migration{54, "relationship_held_meetings", kRelationshipHeldMeetings},
    Migration{55, "survey_answered_numbers", kSurveyAnsweredNumbers},
};

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

std::vector<std::string> MigrationStatements(std::string_view sql, DatabaseKind kind) {
  std::string text(sql);
  const bool sqlite = kind == DatabaseKind::kSqlite;
  ReplaceAll(
      text, "{{id}}",
      sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  ReplaceAll(text, "{{key}}", sqlite ? "TEXT" : "TEXT COLLATE \"C\"");

  std::vector<std::string> statements;
  std::string current;
  bool in_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_quote && c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (c == '\'') in_quote = !in_quote;
    if (!in_quote && c == ';') {
      if (!IsBlank(current)) statements.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!IsBlank(current)) statements.push_back(current);
  std::vector<std::string> kept;
  for (std::string& s : statements) {
    const auto first = s.find_first_not_of(" \t\r\n");
    const auto last = s.find_last_not_of(" \t\r\n");
    s = s.substr(first, last - first + 1);
    // A statement for one database only.
    for (const auto& [marker, wanted] : {std::pair{std::string_view("{{postgresql}}"), !sqlite},
                                         std::pair{std::string_view("{{sqlite}}"), sqlite}}) {
      if (s.starts_with(marker)) {
        if (!wanted) s.clear();
        s = s.empty() ? s : s.substr(s.find_first_not_of(" \t\r\n", marker.size()));
      }
    }
    if (!s.empty()) kept.push_back(std::move(s));
  }
  return kept;
}

Status CheckMigrationList(std::span<const Migration> migrations) {
  int previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous) {
      return Status::Internal("migration versions must increase from 1: " +
                              std::to_string(m.version) + " follows " + std::to_string(previous));
    }
    if (m.name.empty()) {
      return Status::Internal("migration " + std::to_string(m.version) + " has no name");
    }
    previous = m.version;
  }
  return Status::Ok();
}

}  // namespace pairwise::storage
