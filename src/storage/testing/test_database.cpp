#include "storage/testing/test_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "storage/connection_string.h"

namespace pairwise::storage::testing {

std::optional<std::string> PostgresTestUrl() {
  const char* url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

bool PostgresRequired() {
  const char* required = std::getenv("PAIRWISE_REQUIRE_POSTGRES");
  return required != nullptr && std::string_view(required) == "1";
}

namespace {

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(now % 1000000);
}

}  // namespace

Result<std::unique_ptr<TestDatabase>> TestDatabase::Sqlite(std::size_t pool_size) {
  auto t = std::make_unique<TestDatabase>();
  std::error_code error;
  const auto dir =
      std::filesystem::temp_directory_path(error) / ("pairwise-test-" + UniqueSuffix());
  std::filesystem::create_directories(dir, error);
  if (error) return Status::Internal("cannot create " + dir.string() + ": " + error.message());
  t->sqlite_dir_ = dir.string();
  Result<DatabaseUrl> url = ParseDatabaseUrl("sqlite:" + (dir / "test.db").string());
  if (!url.ok()) return url.status();
  t->url_ = *url;
  Result<std::unique_ptr<Database>> db = Database::Open(t->url_, pool_size);
  if (!db.ok()) return db.status();
  t->db_ = std::move(db).value();
  return t;
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::Postgres(std::size_t pool_size) {
  std::optional<std::string> base = PostgresTestUrl();
  if (!base) return Status::Unavailable("PAIRWISE_TEST_POSTGRES_URL is not set");
  auto t = std::make_unique<TestDatabase>();
  Result<std::string> admin = PostgresConnectString(*base);
  if (!admin.ok()) return admin.status();
  t->postgres_admin_ = *admin;
  t->postgres_schema_ = "pw_test_" + UniqueSuffix();
  try {
    soci::session session(soci::postgresql, t->postgres_admin_);
    session << "CREATE SCHEMA " + t->postgres_schema_;
  } catch (const std::exception& e) {
    t->postgres_schema_.clear();
    return Status::Unavailable(std::string("cannot create a test schema: ") + e.what());
  }
  const char separator = base->find('?') == std::string::npos ? '?' : '&';
  Result<DatabaseUrl> url =
      ParseDatabaseUrl(*base + separator + "options=-csearch_path%3D" + t->postgres_schema_);
  if (!url.ok()) return url.status();
  t->url_ = *url;
  Result<std::unique_ptr<Database>> db = Database::Open(t->url_, pool_size);
  if (!db.ok()) return db.status();
  t->db_ = std::move(db).value();
  return t;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!sqlite_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(sqlite_dir_, ignored);
  }
  if (!postgres_schema_.empty()) {
    try {
      soci::session session(soci::postgresql, postgres_admin_);
      session << "DROP SCHEMA " + postgres_schema_ + " CASCADE";
    } catch (const std::exception&) {
      // A leftover schema in a throwaway test server is harmless.
    }
  }
}

Result<bool> TestDatabase::TableExists(const std::string& table) {
  long long count = 0;
  Status status = db_->Run(TransactionMode::kNone, [&](soci::session& session) {
    if (db_->kind() == DatabaseKind::kSqlite) {
      session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
          soci::use(table), soci::into(count);
    } else {
      session << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                 "current_schema() AND table_name = :name",
          soci::use(table), soci::into(count);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return count > 0;
}

}  // namespace pairwise::storage::testing
