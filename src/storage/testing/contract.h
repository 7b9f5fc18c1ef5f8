// The scaffolding every storage contract suite shares: the three backends a suite runs on (the
// in-memory fakes, SQLite and PostgreSQL 15), their names in the test output, and the rule that a
// PostgreSQL test is skipped when PAIRWISE_TEST_POSTGRES_URL is unset, or fails when
// PAIRWISE_REQUIRE_POSTGRES=1 (as `make test` sets it).
//
// A suite says once how to build its store on each kind of backend:
//
//   struct AccountStores {
//     struct Store { std::unique_ptr<TestDatabase> database; ... };  // movable
//     static constexpr std::size_t kPool = 4;  // sessions of the SQL databases
//     static Result<Store> Memory();
//     static Result<Store> Sql(std::unique_ptr<TestDatabase> migrated);  // keep it in the Store
//   };
//
// and derives its typed fixture from ContractTest, which makes a fresh store for every test and
// keeps it in `store_`:
//
//   template <typename Backend>
//   class AccountContract : public testing::ContractTest<Backend> { ... };
//   TYPED_TEST_SUITE(AccountContract, testing::ContractBackends<AccountStores>,
//                    testing::BackendNames);
//
// A fixture with a SetUp of its own calls ContractTest<Backend>::SetUp() first and returns when
// `this->Skipped()`.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "common/status.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage::testing {

template <typename Stores>
struct MemoryBackend {
  using Store = typename Stores::Store;
  static constexpr const char* kName = "Memory";
  static constexpr bool kPostgres = false;
  static constexpr bool kSql = false;
  static Result<Store> Make() { return Stores::Memory(); }
};

template <typename Stores, bool kIsPostgres>
struct SqlBackend {
  using Store = typename Stores::Store;
  static constexpr const char* kName = kIsPostgres ? "Postgres" : "Sqlite";
  static constexpr bool kPostgres = kIsPostgres;
  static constexpr bool kSql = true;
  // A new empty database (a temporary SQLite file, or a fresh PostgreSQL schema), migrated.
  static Result<Store> Make() {
    auto database =
        kIsPostgres ? TestDatabase::Postgres(Stores::kPool) : TestDatabase::Sqlite(Stores::kPool);
    if (!database.ok()) return database.status();
    Status migrated = (*database)->db().Migrate();
    if (!migrated.ok()) return migrated;
    return Stores::Sql(std::move(database).value());
  }
};

template <typename Stores>
using ContractBackends =
    ::testing::Types<MemoryBackend<Stores>, SqlBackend<Stores, false>, SqlBackend<Stores, true>>;

// "Memory", "Sqlite", "Postgres" in the typed tests' names.
struct BackendNames {
  template <typename Backend>
  static std::string GetName(int) {
    return Backend::kName;
  }
};

template <typename Backend>
class ContractTest : public ::testing::Test {
 protected:
  using Store = typename Backend::Store;

  void SetUp() override {
    if (Backend::kPostgres && !PostgresTestUrl()) {
      if (PostgresRequired()) {
        FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is not set";
      }
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set (scripts/pg-test.sh start)";
    }
    auto store = Backend::Make();
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // True when the base SetUp skipped the test or could not make the store: a derived SetUp
  // returns then.
  bool Skipped() const { return IsSkipped() || HasFatalFailure(); }

  Store store_;
};

}  // namespace pairwise::storage::testing
