#include "storage/backup.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "storage/migrations.h"

namespace pairwise::storage {
namespace {

// SOCI's SQLite backend declares the C API inside this namespace.
namespace sql = sqlite_api;

struct Closer {
  void operator()(sql::sqlite3* handle) const { sql::sqlite3_close_v2(handle); }
};
using Handle = std::unique_ptr<sql::sqlite3, Closer>;

sql::sqlite3* Native(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

std::string Reason(sql::sqlite3* handle) {
  return handle ? sql::sqlite3_errmsg(handle) : "out of memory";
}

Result<Handle> OpenFile(const std::string& path, int flags) {
  sql::sqlite3* raw = nullptr;
  const int rc = sql::sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle handle(raw);
  if (rc != SQLITE_OK) {
    return Status::Error(ErrorCode::kInvalidArgument,
                         "cannot open " + path + " as an SQLite database", "file", Reason(raw));
  }
  sql::sqlite3_busy_timeout(raw, Database::kSqliteBusyTimeoutMs);
  return handle;
}

// Copies every page of `from` into `to` in one step: `from` is read in one snapshot, `to` is
// locked for writing throughout. Empty on success, SQLite's reason otherwise.
std::string CopyPages(sql::sqlite3* from, sql::sqlite3* to) {
  sql::sqlite3_backup* backup = sql::sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return Reason(to);
  const int step = sql::sqlite3_backup_step(backup, -1);
  const int finish = sql::sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return sql::sqlite3_errstr(step);
  if (finish != SQLITE_OK) return Reason(to);
  return "";
}

// The first column of the first row of `query`, as text; empty when there is no row.
Result<std::string> QueryText(sql::sqlite3* handle, const char* query) {
  sql::sqlite3_stmt* statement = nullptr;
  if (sql::sqlite3_prepare_v2(handle, query, -1, &statement, nullptr) != SQLITE_OK) {
    return Status::Internal(std::string("query failed: ") + Reason(handle));
  }
  std::string text;
  const int rc = sql::sqlite3_step(statement);
  if (rc == SQLITE_ROW) {
    const unsigned char* value = sql::sqlite3_column_text(statement, 0);
    if (value) text = reinterpret_cast<const char*>(value);
  }
  sql::sqlite3_finalize(statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    return Status::Internal(std::string("query failed: ") + Reason(handle));
  }
  return text;
}

Status RefusePostgres(const Database& db, const char* tool) {
  if (db.kind() == DatabaseKind::kSqlite) return Status::Ok();
  return Status::InvalidArgument(
      std::string("this is a PostgreSQL database: use ") + tool + " (see the README)", "database");
}

// Why the backup at `path`, open in `handle`, cannot be restored by this build; OK when it can.
Status CheckBackup(sql::sqlite3* handle, const std::string& path) {
  auto check = QueryText(handle, "PRAGMA quick_check");
  if (!check.ok() || *check != "ok") {
    const std::string why = path + " is not a readable SQLite database";
    return Status::Error(ErrorCode::kInvalidArgument, why, "file",
                         why + ": " + (check.ok() ? *check : check.status().log_message()));
  }
  auto has_table = QueryText(handle,
                             "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                             "'schema_migrations'");
  if (!has_table.ok() || *has_table != "1") {
    return Status::InvalidArgument(path + " is not a Pairwise database", "file");
  }
  auto version = QueryText(handle, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version.ok()) return version.status();
  const int known = Migrations().empty() ? 0 : Migrations().back().version;
  if (std::stoi(*version) > known) {
    return Status::Conflict(path + " was made by a newer Pairwise (schema " + *version +
                                "; this one knows up to " + std::to_string(known) + ")",
                            "file");
  }
  return Status::Ok();
}

}  // namespace

Status BackupSqlite(Database& db, const std::string& path) {
  if (Status s = RefusePostgres(db, "pg_dump"); !s.ok()) return s;
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return Status::InvalidArgument(path + " already exists: choose a new file", "file");
  }
  const std::string partial = path + ".partial";
  std::filesystem::remove(partial, error);
  auto target = OpenFile(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!target.ok()) return target.status();
  std::string failure;
  Status copied = db.Run(TransactionMode::kNone, [&](soci::session& session) {
    failure = CopyPages(Native(session), target->get());
    return Status::Ok();
  });
  if (copied.ok() && failure.empty()) {
    // A backup is one file: no -wal or -shm beside it.
    auto mode = QueryText(target->get(), "PRAGMA journal_mode = DELETE");
    if (!mode.ok()) failure = mode.status().log_message();
  }
  target->reset();
  if (copied.ok() && failure.empty()) {
    std::filesystem::rename(partial, path, error);
    if (!error) return Status::Ok();
    failure = error.message();
  }
  std::filesystem::remove(partial, error);
  if (!copied.ok()) return copied;
  return Status::Internal("the backup to " + path + " failed: " + failure);
}

Status RestoreSqlite(Database& db, const std::string& path) {
  if (Status s = RefusePostgres(db, "pg_restore"); !s.ok()) return s;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status::InvalidArgument(path + " is not a file", "file");
  }
  auto source = OpenFile(path, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  if (Status s = CheckBackup(source->get(), path); !s.ok()) return s;
  std::string failure;
  Status copied = db.Run(TransactionMode::kNone, [&](soci::session& session) {
    failure = CopyPages(source->get(), Native(session));
    return Status::Ok();
  });
  if (!copied.ok()) return copied;
  if (!failure.empty()) {
    return Status::Internal("the restore from " + path + " failed: " + failure);
  }
  return db.Migrate();
}

}  // namespace pairwise::storage
