// Backup and restore of an SQLite database while it is served (`pairwise backup FILE`,
// `pairwise restore FILE`). PostgreSQL deployments use pg_dump and pg_restore (README).
#pragma once

#include <string>

#include "common/status.h"
#include "storage/database.h"

namespace pairwise::storage {

// Writes a consistent snapshot of `db` to the new file `path` with SQLite's online backup API,
// while other sessions and processes go on reading and writing (under WAL a reader's snapshot
// does not block writers). The copy is one self-contained file (journal_mode DELETE). It is
// written to `path`.partial and renamed, so `path` is either whole or absent.
// InvalidArgument for a PostgreSQL database (use pg_dump) or when `path` already exists;
// Internal, with SQLite's reason, when the copy fails (nothing is left at `path`).
Status BackupSqlite(Database& db, const std::string& path);

// Replaces everything in `db` with the backup in `path`, then applies this build's pending
// migrations. The backup is checked first, and `db` is left untouched when it is refused:
// InvalidArgument when `path` is not a readable SQLite file, fails SQLite's integrity check, or
// is not a Pairwise database; Conflict when it was made by a newer build (a schema this build
// does not know). Other sessions of `db` (and other processes) see the restored data on their
// next transaction. InvalidArgument for a PostgreSQL database (use pg_restore).
Status RestoreSqlite(Database& db, const std::string& path);

}  // namespace pairwise::storage
