// The ImportMappingRepository contract on the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include "storage/import_mapping_repository.h"
#include "storage/memory/memory_import_mapping_repository.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using domain::import::ImportMappingRepository;
using domain::import::SavedMappingEntry;
using Entries = std::vector<SavedMappingEntry>;

struct Store {
  std::unique_ptr<testing::TestDatabase> database;
  std::unique_ptr<ImportMappingRepository> repository;
};

struct MemoryBackend {
  static constexpr const char* kName = "Memory";
  static constexpr bool kPostgres = false;
  static Result<Store> Make() {
    return Store{nullptr, std::make_unique<MemoryImportMappingRepository>()};
  }
};

template <bool kIsPostgres>
struct SqlBackend {
  static constexpr const char* kName = kIsPostgres ? "Postgres" : "Sqlite";
  static constexpr bool kPostgres = kIsPostgres;
  static Result<Store> Make() {
    auto t = kIsPostgres ? testing::TestDatabase::Postgres(2) : testing::TestDatabase::Sqlite(2);
    if (!t.ok()) return t.status();
    Status migrated = (*t)->db().Migrate();
    if (!migrated.ok()) return migrated;
    Store store;
    store.repository = MakeImportMappingRepository((*t)->db());
    store.database = std::move(t).value();
    return store;
  }
};

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kName;
  }
};

template <typename Backend>
class ImportMappingContract : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Backend::kPostgres && !testing::PostgresTestUrl()) {
      if (testing::PostgresRequired()) {
        FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is not set";
      }
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set (scripts/pg-test.sh start)";
    }
    auto store = Backend::Make();
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  ImportMappingRepository& repo() { return *store_.repository; }
  Store store_;
};

using Backends = ::testing::Types<MemoryBackend, SqlBackend<false>, SqlBackend<true>>;
TYPED_TEST_SUITE(ImportMappingContract, Backends, BackendNames);

TYPED_TEST(ImportMappingContract, EmptyBeforeTheFirstSave) {
  auto loaded = this->repo().Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->empty());
}

TYPED_TEST(ImportMappingContract, ReplaceKeepsOrderAndReplacesEverything) {
  const Entries first = {
      {"Work Email", "email"}, {"Grade", "level"}, {"Badge", ""}, {"Büro", "site"}};
  ASSERT_TRUE(this->repo().Replace(first).ok());
  auto loaded = this->repo().Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, first);

  const Entries second = {{"Emp Ref", "employee_id"}};
  ASSERT_TRUE(this->repo().Replace(second).ok());
  EXPECT_EQ(*this->repo().Load(), second);

  ASSERT_TRUE(this->repo().Replace(Entries{}).ok());
  EXPECT_TRUE(this->repo().Load()->empty());
}

TYPED_TEST(ImportMappingContract, RejectsRepeatedHeadersAndUnknownFieldsWritingNothing) {
  const Entries kept = {{"Grade", "level"}};
  ASSERT_TRUE(this->repo().Replace(kept).ok());
  Status repeated = this->repo().Replace(Entries{{"Work Email", "email"}, {"work-email", ""}});
  EXPECT_EQ(repeated.code(), ErrorCode::kInvalidArgument);
  Status unknown = this->repo().Replace(Entries{{"Salary", "salary"}});
  EXPECT_EQ(unknown.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(*this->repo().Load(), kept);
}

}  // namespace
}  // namespace pairwise::storage
