// Backup and restore of SQLite: a backup taken while another thread writes is a consistent
// snapshot, a restore reproduces it table by table, and a bad or newer backup changes nothing.
#include "storage/backup.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using Dump = std::map<std::string, std::vector<std::string>>;

// Every table's rows, each row as its SQL-quoted values, sorted.
Dump DumpTables(Database& db) {
  Dump dump;
  Status s = db.Run(TransactionMode::kRead, [&](soci::session& session) {
    std::vector<std::string> tables;
    soci::rowset<std::string> names =
        session.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                           "LIKE 'sqlite_%' ORDER BY name";
    for (const std::string& name : names) tables.push_back(name);
    for (const std::string& table : tables) {
      std::string columns;
      soci::rowset<soci::row> info = session.prepare << "PRAGMA table_info(" + table + ")";
      for (const soci::row& column : info) {
        if (!columns.empty()) columns += " || '|' || ";
        columns += "quote(\"" + column.get<std::string>(1) + "\")";
      }
      std::vector<std::string>& rows = dump[table];
      soci::rowset<std::string> values = session.prepare
                                         << "SELECT " + columns + " FROM \"" + table + "\"";
      for (const std::string& row : values) rows.push_back(row);
      std::sort(rows.begin(), rows.end());
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return dump;
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto source = testing::TestDatabase::Sqlite(4);
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    source_ = std::move(source).value();
    ASSERT_TRUE(source_->db().Migrate().ok());
    people_ = MakePeopleRepository(source_->db());
    ASSERT_TRUE(
        domain::PeopleService(*people_).LoadDirectory(domain::testing::SmallDirectory()).ok());
    dir_ = std::filesystem::path(source_->url().target).parent_path();
  }

  std::unique_ptr<testing::TestDatabase> Fresh() {
    auto fresh = testing::TestDatabase::Sqlite(2);
    EXPECT_TRUE(fresh.ok()) << fresh.status().ToString();
    EXPECT_TRUE((*fresh)->db().Migrate().ok());
    return std::move(fresh).value();
  }

  std::unique_ptr<testing::TestDatabase> source_;
  std::unique_ptr<domain::PeopleRepository> people_;
  std::filesystem::path dir_;
};

TEST_F(BackupTest, ABackupTakenWhileWritingIsRestoredExactly) {
  const std::string file = (dir_ / "backup.db").string();
  // A writer adds people one transaction at a time while the backup runs.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; !stop && i < 2000; ++i) {
      const std::vector<domain::PersonRecord> one{
          domain::testing::MakePerson("W" + std::to_string(i))};
      if (people_->UpsertPeople(one).ok()) ++written;
    }
  });
  while (written < 20) std::this_thread::yield();
  Status backed_up = BackupSqlite(source_->db(), file);
  stop = true;
  writer.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.ToString();
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(file + "-wal"));

  auto target = Fresh();
  Status restored = RestoreSqlite(target->db(), file);
  ASSERT_TRUE(restored.ok()) << restored.ToString();
  const Dump got = DumpTables(target->db());
  // The snapshot holds whole transactions: the directory plus some of the writer's people.
  auto copy = testing::TestDatabase::Sqlite(1);
  ASSERT_TRUE(copy.ok());
  auto backup_db = Database::Open(*ParseDatabaseUrl("sqlite:" + file), 1);
  ASSERT_TRUE(backup_db.ok()) << backup_db.status().ToString();
  EXPECT_EQ(got, DumpTables(**backup_db));
  const std::size_t people = got.at("people").size();
  EXPECT_GE(people, domain::testing::SmallDirectory().people.size() + 20);
  EXPECT_LE(people, domain::testing::SmallDirectory().people.size() + 2000);
  EXPECT_EQ(*target->db().SchemaVersion(), *source_->db().SchemaVersion());
}

TEST_F(BackupTest, RestoreReplacesWhatWasThere) {
  const std::string file = (dir_ / "backup.db").string();
  ASSERT_TRUE(BackupSqlite(source_->db(), file).ok());
  // Later changes to the source are undone by restoring into it.
  const Dump before = DumpTables(source_->db());
  const std::vector<domain::PersonRecord> late{domain::testing::MakePerson("LATE1")};
  ASSERT_TRUE(people_->UpsertPeople(late).ok());
  ASSERT_NE(DumpTables(source_->db()), before);
  Status restored = RestoreSqlite(source_->db(), file);
  ASSERT_TRUE(restored.ok()) << restored.ToString();
  EXPECT_EQ(DumpTables(source_->db()), before);
}

TEST_F(BackupTest, ABackupNeverOverwritesAFile) {
  const std::string file = (dir_ / "exists.db").string();
  std::ofstream(file) << "keep me";
  Status s = BackupSqlite(source_->db(), file);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  std::ifstream in(file);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep me");
}

TEST_F(BackupTest, BadBackupsAreRefusedAndChangeNothing) {
  auto target = Fresh();
  const Dump before = DumpTables(target->db());

  const std::string garbage = (dir_ / "garbage.db").string();
  std::ofstream(garbage) << "this is not a database, only some text that is long enough";
  EXPECT_EQ(RestoreSqlite(target->db(), garbage).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(RestoreSqlite(target->db(), (dir_ / "missing.db").string()).code(),
            ErrorCode::kInvalidArgument);

  // An SQLite file that is not a Pairwise database.
  const std::string other = (dir_ / "other.db").string();
  {
    auto db = Database::Open(*ParseDatabaseUrl("sqlite:" + other), 1);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Run(TransactionMode::kWrite,
                          [](soci::session& s) {
                            s << "CREATE TABLE notes (text TEXT)";
                            return Status::Ok();
                          })
                    .ok());
  }
  EXPECT_EQ(RestoreSqlite(target->db(), other).code(), ErrorCode::kInvalidArgument);

  // A backup from a newer build, whose schema this one does not know.
  const std::string newer = (dir_ / "newer.db").string();
  ASSERT_TRUE(BackupSqlite(source_->db(), newer).ok());
  {
    auto db = Database::Open(*ParseDatabaseUrl("sqlite:" + newer), 1);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Run(TransactionMode::kWrite,
                          [](soci::session& s) {
                            s << "INSERT INTO schema_migrations (version, name, applied_at) "
                                 "VALUES (100000, 'future', '2030-01-01T00:00:00Z')";
                            return Status::Ok();
                          })
                    .ok());
  }
  EXPECT_EQ(RestoreSqlite(target->db(), newer).code(), ErrorCode::kConflict);

  EXPECT_EQ(DumpTables(target->db()), before);
}

}  // namespace
}  // namespace pairwise::storage
