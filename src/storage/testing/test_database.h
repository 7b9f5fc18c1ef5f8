// Fresh databases for storage tests: SQLite in a temporary directory, or PostgreSQL in a fresh
// schema of the server named by PAIRWISE_TEST_POSTGRES_URL (dropped afterwards).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/config.h"
#include "common/status.h"
#include "storage/database.h"

namespace pairwise::storage::testing {

// PAIRWISE_TEST_POSTGRES_URL, if set and not empty.
std::optional<std::string> PostgresTestUrl();
// PAIRWISE_REQUIRE_POSTGRES=1: a missing PostgreSQL fails the tests instead of skipping them.
bool PostgresRequired();

class TestDatabase {
 public:
  // An empty SQLite database file in a new temporary directory.
  static Result<std::unique_ptr<TestDatabase>> Sqlite(std::size_t pool_size = 4);
  // A new empty schema on the test PostgreSQL server, first on every session's search_path.
  // Unavailable when PAIRWISE_TEST_POSTGRES_URL is not set.
  static Result<std::unique_ptr<TestDatabase>> Postgres(std::size_t pool_size = 4);
  ~TestDatabase();

  // The URL of this database (for PostgreSQL, with the schema on its search_path).
  const DatabaseUrl& url() const { return url_; }
  // Opened and not migrated.
  Database& db() { return *db_; }
  // Closes every session (the schema or file stays until destruction).
  void Close() { db_.reset(); }
  // Whether a table of that name exists in this database (this schema, for PostgreSQL).
  Result<bool> TableExists(const std::string& table);

  TestDatabase() = default;  // use the factories

 private:
  DatabaseUrl url_;
  std::unique_ptr<Database> db_;
  std::string sqlite_dir_;       // removed at destruction
  std::string postgres_admin_;   // connect string without the schema
  std::string postgres_schema_;  // dropped at destruction
};

}  // namespace pairwise::storage::testing
