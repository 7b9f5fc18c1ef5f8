#include "storage/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "common/clock.h"
#include "storage/connection_string.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

// pg_advisory_xact_lock(kLockSpace, kMigrationLock) serializes migrations across processes.
constexpr int kLockSpace = 0x70777365;  // "pwse"
constexpr int kMigrationLock = 1;

const soci::backend_factory& Factory(DatabaseKind kind) {
  if (kind == DatabaseKind::kSqlite) return soci::sqlite3;
  return soci::postgresql;
}

// Per-session settings, applied to every session of the pool (and again after a reconnect).
void ConfigureSession(soci::session& session, DatabaseKind kind) {
  if (kind == DatabaseKind::kPostgresql) {
    // libpq prints notices ("relation already exists, skipping") on stderr: keep warnings only.
    session << "SET client_min_messages TO WARNING";
    // Dates are read back as text: make it ISO whatever the server's default.
    session << "SET DateStyle TO ISO, YMD";
    return;
  }
  session << "PRAGMA busy_timeout = " + std::to_string(Database::kSqliteBusyTimeoutMs);
  session << "PRAGMA foreign_keys = ON";
  std::string journal_mode;
  session << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
  if (journal_mode != "wal" && journal_mode != "memory") {
    spdlog::warn("SQLite kept journal_mode={} (WAL was asked for)", journal_mode);
  }
  // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
  session << "PRAGMA synchronous = NORMAL";
  session << "PRAGMA temp_store = MEMORY";
  session << "PRAGMA cache_size = -16000";
}

std::string BeginStatement(TransactionMode mode, DatabaseKind kind) {
  const bool sqlite = kind == DatabaseKind::kSqlite;
  if (mode == TransactionMode::kWrite) return sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
  return sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
}

}  // namespace

struct Database::Slots {
  // A slot is touched only by the thread that leased its session.
  struct Slot {
    bool suspect = false;  // an error hinted that the connection may be gone
  };
  std::vector<Slot> slots;
};

Database::Database(PrivateTag, DatabaseKind kind, std::string redacted_url, std::size_t pool_size)
    : kind_(kind),
      redacted_url_(std::move(redacted_url)),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      slots_(std::make_unique<Slots>()) {
  slots_->slots.resize(pool_size);
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url, std::size_t pool_size) {
  if (pool_size < 1 || pool_size > 1024) {
    return Status::InvalidArgument("the database pool size must be between 1 and 1024",
                                   "pool_size");
  }
  Result<std::string> connect = url.kind == DatabaseKind::kSqlite
                                    ? SqliteConnectString(url.target)
                                    : PostgresConnectString(url.target);
  if (!connect.ok()) return connect.status();
  if (url.kind == DatabaseKind::kSqlite && url.target == ":memory:" && pool_size > 1) {
    return Status::InvalidArgument(
        "an SQLite :memory: database is private to one session: use a file, or a pool of 1",
        "database");
  }
  auto db = std::make_unique<Database>(PrivateTag{}, url.kind, url.redacted, pool_size);
  for (std::size_t i = 0; i < pool_size; ++i) {
    try {
      soci::session& session = db->pool_->at(i);
      session.open(Factory(url.kind), *connect);
      ConfigureSession(session, url.kind);
    } catch (const std::exception& e) {
      return Status::Unavailable("cannot open the database " + url.redacted + ": " + e.what());
    }
  }
  return db;
}

std::string_view Database::BackendName() const {
  return kind_ == DatabaseKind::kSqlite ? "sqlite" : "postgresql";
}

Status Database::Run(TransactionMode mode, const std::function<Status(soci::session&)>& work) {
  std::size_t position = 0;
  bool leased = false;
  try {
    leased = pool_->try_lease(position, kLeaseTimeoutMs);
  } catch (...) {
    return StatusFromCurrentException("leasing a database session");
  }
  if (!leased) {
    return Status::Unavailable("no database session became free within " +
                               std::to_string(kLeaseTimeoutMs) + " ms (pool of " +
                               std::to_string(pool_size_) + ")");
  }
  struct GiveBack {
    soci::connection_pool& pool;
    std::size_t position;
    ~GiveBack() { pool.give_back(position); }
  } give_back{*pool_, position};

  soci::session& session = pool_->at(position);
  Slots::Slot& slot = slots_->slots[position];
  if (slot.suspect) {
    try {
      if (!session.is_connected()) {
        spdlog::warn("reconnecting database session {} to {}", position, redacted_url_);
        session.reconnect();
        ConfigureSession(session, kind_);
      }
      slot.suspect = false;
    } catch (...) {
      return StatusFromCurrentException("reconnecting to " + redacted_url_);
    }
  }

  bool in_transaction = false;
  try {
    if (mode != TransactionMode::kNone) {
      session << BeginStatement(mode, kind_);
      in_transaction = true;
    }
    Status status = work(session);
    if (in_transaction) {
      session << (status.ok() ? "COMMIT" : "ROLLBACK");
      in_transaction = false;
    }
    return status;
  } catch (...) {
    Status status = StatusFromCurrentException("database");
    if (in_transaction) {
      try {
        session << "ROLLBACK";
      } catch (...) {
        slot.suspect = true;
      }
    }
    if (status.code() == ErrorCode::kUnavailable || !session.is_connected()) {
      slot.suspect = true;
      if (status.code() != ErrorCode::kUnavailable) {
        return Status::Unavailable("lost the database connection: " + status.log_message());
      }
    }
    return status;
  }
}

Status Database::Ping() {
  return Run(TransactionMode::kNone, [](soci::session& session) {
    int one = 0;
    session << "SELECT 1", soci::into(one);
    return one == 1 ? Status::Ok() : Status::Unavailable("SELECT 1 did not return 1");
  });
}

Result<int> Database::SchemaVersion() {
  int version = 0;
  Status status = Run(TransactionMode::kRead, [&](soci::session& session) {
    long long tables = 0;
    if (kind_ == DatabaseKind::kSqlite) {
      session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                 "'schema_migrations'",
          soci::into(tables);
    } else {
      session << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                 "current_schema() AND table_name = 'schema_migrations'",
          soci::into(tables);
    }
    if (tables == 0) return Status::Ok();
    soci::indicator indicator = soci::i_null;
    session << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
    if (indicator != soci::i_ok) version = 0;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return version;
}

Status Database::Migrate() { return Migrate(Migrations()); }

Status Database::Migrate(std::span<const Migration> migrations) {
  PAIRWISE_RETURN_IF_ERROR(CheckMigrationList(migrations));
  return Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
    if (kind_ == DatabaseKind::kPostgresql) {
      session << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
                     std::to_string(kMigrationLock) + ")";
    }
    session << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    std::vector<int> versions(1000);
    std::vector<std::string> names(1000);
    session << "SELECT version, name FROM schema_migrations ORDER BY version", soci::into(versions),
        soci::into(names);

    std::size_t known = 0;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      while (known < migrations.size() && migrations[known].version < versions[i]) ++known;
      if (known == migrations.size() || migrations[known].version != versions[i] ||
          migrations[known].name != names[i]) {
        return Status::Conflict(
            "the database has migration " + std::to_string(versions[i]) + " (" + names[i] +
            ") which this build of Pairwise does not know: was it migrated by another version?");
      }
    }

    const std::string now = FormatIso8601(SystemClock().Now());
    for (const Migration& m : migrations) {
      if (std::find(versions.begin(), versions.end(), m.version) != versions.end()) continue;
      std::string label = std::to_string(m.version);
      label.insert(0, label.size() < 4 ? 4 - label.size() : 0, '0');
      label += " (" + std::string(m.name) + ")";
      for (const std::string& statement : MigrationStatements(m.sql, kind_)) {
        try {
          session << statement;
        } catch (const std::exception& e) {
          return Status::Internal("migration " + label + " failed: " + e.what());
        }
      }
      const int version = m.version;
      const std::string name(m.name);
      session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, "
                 ":name, :applied_at)",
          soci::use(version), soci::use(name), soci::use(now);
      spdlog::info("applied migration {} to {}", label, redacted_url_);
    }
    return Status::Ok();
  });
}

}  // namespace pairwise::storage
