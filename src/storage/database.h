// The database: a pool of SOCI sessions over SQLite or PostgreSQL (one code path for both),
// its schema migrations, and the repositories built over it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/config.h"
#include "common/status.h"
#include "domain/access/audit_repository.h"
#include "domain/accounts/account_repository.h"
#include "domain/applications/application_repository.h"
#include "domain/credentials/credential_repository.h"
#include "domain/mail/mail_outbox.h"
#include "domain/people/people_repository.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/program_repository.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/goal.h"
#include "domain/relationships/note.h"
#include "domain/relationships/relationship.h"
#include "domain/selfmatch/match_request.h"
#include "domain/system/database_probe.h"
#include "storage/migrations.h"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace pairwise::storage {

enum class TransactionMode {
  kNone,   // each statement on its own (autocommit)
  kRead,   // one consistent snapshot for every statement (PostgreSQL: REPEATABLE READ)
  kWrite,  // SQLite: BEGIN IMMEDIATE, so writers queue (up to the busy timeout) at the start
};

// Thread-safe: every method may be called from any thread; each call leases one session of the
// pool for its duration. Must outlive every repository made over it.
class Database final : public domain::DatabaseProbe {
 public:
  // How long Run waits for a free session before giving up with Unavailable.
  static constexpr int kLeaseTimeoutMs = 10'000;
  // SQLite: how long a statement waits for another connection's lock (PRAGMA busy_timeout).
  static constexpr int kSqliteBusyTimeoutMs = 5'000;

  // Opens `pool_size` sessions (>= 1). SQLite sessions each get WAL journaling, foreign keys,
  // synchronous=NORMAL and the busy timeout; PostgreSQL sessions report warnings, not notices.
  // InvalidArgument for a bad URL or pool size (also for an SQLite ":memory:" database with more
  // than one session: each would be its own); Unavailable, with the reason in the log message, when
  // the database cannot be reached.
  static Result<std::unique_ptr<Database>> Open(const DatabaseUrl& url, std::size_t pool_size);
  ~Database() override;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies the pending migrations of Migrations() in one transaction; idempotent. On failure
  // the database is left as it was (schema_migrations included) and the error is Internal
  // naming the migration. Conflict when the database holds a migration this build does not
  // know or knows under another name (a newer or different build migrated it). Concurrent
  // callers (other processes included) are serialized.
  Status Migrate();
  // The same with a given list (tests use broken ones). Internal for a malformed list.
  Status Migrate(std::span<const Migration> migrations);
  // The highest applied migration; 0 before the first Migrate.
  Result<int> SchemaVersion();

  Status Ping() override;                         // SELECT 1; Unavailable on failure
  std::string_view BackendName() const override;  // "sqlite" | "postgresql"
  DatabaseKind kind() const { return kind_; }
  // For code that manages sessions itself; prefer Run.
  soci::connection_pool& pool() { return *pool_; }
  std::size_t pool_size() const { return pool_size_; }

  // Leases a session, runs `work` on it inside a transaction of `mode` (committed when `work`
  // returns OK, rolled back otherwise, and when any SOCI error occurred), and returns
  // what `work` returned. Exceptions escaping `work` become Status: SOCI connection failures
  // and lock timeouts Unavailable, unique violations Conflict, the rest Internal. Unavailable
  // when no session frees up within kLeaseTimeoutMs. Do not call Run from inside `work`.
  Status Run(TransactionMode mode, const std::function<Status(soci::session&)>& work);

 private:
  struct Slots;
  struct PrivateTag {};

 public:
  // Use Open.
  Database(PrivateTag, DatabaseKind kind, std::string redacted_url, std::size_t pool_size);

 private:
  DatabaseKind kind_;
  std::string redacted_url_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::unique_ptr<Slots> slots_;  // per-session state, indexed like the pool
};

// Repositories over `db`, which must outlive them. Thread-safe.
std::unique_ptr<domain::PeopleRepository> MakePeopleRepository(Database& db);
std::unique_ptr<domain::AccountRepository> MakeAccountRepository(Database& db);
// The audit log table; entries are stamped with `clock`'s time, which must outlive the log.
std::unique_ptr<domain::AuditRepository> MakeAuditLog(Database& db, const Clock& clock);
// The mail outbox table (migration 0003).
std::unique_ptr<domain::MailOutbox> MakeMailOutbox(Database& db);
std::unique_ptr<domain::ProfileRepository> MakeProfileRepository(Database& db);
// Programs (migration 0007).
std::unique_ptr<domain::ProgramRepository> MakeProgramRepository(Database& db);
// Application forms and applications (migration 0008).
std::unique_ptr<domain::ApplicationRepository> MakeApplicationRepository(Database& db);
// Self-match requests (migration 0009).
std::unique_ptr<domain::MatchRequestRepository> MakeMatchRequestRepository(Database& db);
// Matching (migration 0010): match settings, pins and forbids, proposals (the matching jobs,
// their pairs and unmatched) and publishing, which writes relationships and queues mail in the
// mail_outbox table in the same transaction.
std::unique_ptr<domain::ProposalRepository> MakeProposalRepository(Database& db);
// Relationships (migrations 0010 and 0012; publishing proposals creates them) with their
// agreements.
std::unique_ptr<domain::RelationshipRepository> MakeRelationshipRepository(Database& db);
// SMART goals, milestones and their history (migration 0013).
std::unique_ptr<domain::GoalRepository> MakeGoalRepository(Database& db);
// Notes, their text sealed (migration 0014).
std::unique_ptr<domain::NoteRepository> MakeNoteRepository(Database& db);
// Mentor credentials: framework versions, reviewers, candidacies, sign-offs, credentials
// (migration 0035).
std::unique_ptr<domain::CredentialRepository> MakeCredentialRepository(Database& db);

}  // namespace pairwise::storage
