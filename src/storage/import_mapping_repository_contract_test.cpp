// The ImportMappingRepository contract on the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include "storage/import_mapping_repository.h"
#include "storage/memory/memory_import_mapping_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::import::ImportMappingRepository;
using domain::import::SavedMappingEntry;
using Entries = std::vector<SavedMappingEntry>;

struct ImportMappingStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<ImportMappingRepository> repository;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    return Store{nullptr, std::make_unique<MemoryImportMappingRepository>()};
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.repository = MakeImportMappingRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

template <typename Backend>
class ImportMappingContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  ImportMappingRepository& repo() { return *store_.repository; }
};

TYPED_TEST_SUITE(ImportMappingContract, testing::ContractBackends<ImportMappingStores>,
                 testing::BackendNames);

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
