// The SsoRepository contract, run against SQLite and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL;
// skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1). There is no in-memory fake: the
// service's tests use SQLite.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/sso/sso.h"
#include "storage/sso_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::SsoAttempt;
using domain::SsoMatchBy;
using domain::SsoSettings;
using std::chrono::minutes;

TimePoint T(int minute) {
  return TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 12 / 7)) + minutes(minute);
}

struct SsoStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::SsoRepository> repo;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store store;
    store.repo = MakeSsoRepository(migrated->db());
    store.database = std::move(migrated);
    return store;
  }
};

template <typename Backend>
class SsoContract : public testing::ContractTest<Backend> {
 protected:
  domain::SsoRepository& repo() { return *this->store_.repo; }

  SsoAttempt Attempt(const std::string& state, int expires_minute) {
    return {.id = 0,
            .state_hash = state,
            .browser_hash = "browser-" + state,
            .nonce = "nonce-" + state,
            .code_verifier = "verifier-" + state,
            .created_at = T(0),
            .expires_at = T(expires_minute)};
  }
};

using SsoBackends =
    ::testing::Types<testing::SqlBackend<SsoStores, false>, testing::SqlBackend<SsoStores, true>>;
TYPED_TEST_SUITE(SsoContract, SsoBackends, testing::BackendNames);

TYPED_TEST(SsoContract, NoSettingsUntilSaved) {
  auto loaded = this->repo().LoadSettings();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_FALSE(loaded->has_value());
}

TYPED_TEST(SsoContract, SettingsRoundTripAndASecondSaveReplacesTheFirst) {
  SsoSettings first{.enabled = true,
                    .provider_name = "Entra ID — Contoso",
                    .issuer = "https://login.example.com/tenant/v2.0",
                    .client_id = "client-1",
                    .client_secret = "s3cret",
                    .match_by = SsoMatchBy::kEmployeeId,
                    .claim = "employee_number",
                    .password_sign_in = false,
                    .updated_at = T(5) + std::chrono::microseconds(7),
                    .updated_by = "person E1"};
  ASSERT_TRUE(this->repo().SaveSettings(first).ok());
  auto loaded = this->repo().LoadSettings();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(loaded->has_value());
  const SsoSettings& got = **loaded;
  EXPECT_TRUE(got.enabled);
  EXPECT_EQ(got.provider_name, first.provider_name);
  EXPECT_EQ(got.issuer, first.issuer);
  EXPECT_EQ(got.client_id, "client-1");
  EXPECT_EQ(got.client_secret, "s3cret");
  EXPECT_EQ(got.match_by, SsoMatchBy::kEmployeeId);
  EXPECT_EQ(got.claim, "employee_number");
  EXPECT_FALSE(got.password_sign_in);
  EXPECT_EQ(got.updated_at, first.updated_at);
  EXPECT_EQ(got.updated_by, "person E1");

  SsoSettings second = first;
  second.enabled = false;
  second.provider_name = "Okta";
  second.match_by = SsoMatchBy::kEmail;
  second.claim = "email";
  second.password_sign_in = true;
  second.updated_at = T(9);
  ASSERT_TRUE(this->repo().SaveSettings(second).ok());
  loaded = this->repo().LoadSettings();
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_FALSE((*loaded)->enabled);
  EXPECT_EQ((*loaded)->provider_name, "Okta");
  EXPECT_EQ((*loaded)->match_by, SsoMatchBy::kEmail);
  EXPECT_EQ((*loaded)->claim, "email");
  EXPECT_TRUE((*loaded)->password_sign_in);
  EXPECT_EQ((*loaded)->updated_at, T(9));
}

TYPED_TEST(SsoContract, CreateAssignsIdsAndRefusesAStateTwice) {
  auto a = this->repo().CreateAttempt(this->Attempt("s1", 10));
  auto b = this->repo().CreateAttempt(this->Attempt("s2", 10));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_GT(a->id, 0);
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(this->repo().CreateAttempt(this->Attempt("s1", 20)).status().code(),
            ErrorCode::kConflict);
}

TYPED_TEST(SsoContract, AnAttemptIsTakenOnceAndOnlyBeforeItExpires) {
  auto created = this->repo().CreateAttempt(this->Attempt("s1", 10));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(this->repo().CreateAttempt(this->Attempt("late", 10)).ok());

  auto unknown = this->repo().TakeAttempt("nope", T(1));
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());

  auto taken = this->repo().TakeAttempt("s1", T(1));
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  ASSERT_TRUE(taken->has_value());
  EXPECT_EQ((*taken)->id, created->id);
  EXPECT_EQ((*taken)->state_hash, "s1");
  EXPECT_EQ((*taken)->browser_hash, "browser-s1");
  EXPECT_EQ((*taken)->nonce, "nonce-s1");
  EXPECT_EQ((*taken)->code_verifier, "verifier-s1");
  EXPECT_EQ((*taken)->created_at, T(0));
  EXPECT_EQ((*taken)->expires_at, T(10));

  auto again = this->repo().TakeAttempt("s1", T(2));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value()) << "a replayed state must not be taken twice";

  // At its expiry instant it is no longer valid.
  auto expired = this->repo().TakeAttempt("late", T(10));
  ASSERT_TRUE(expired.ok());
  EXPECT_FALSE(expired->has_value());
}

TYPED_TEST(SsoContract, ConcurrentTakersGetTheAttemptExactlyOnce) {
  ASSERT_TRUE(this->repo().CreateAttempt(this->Attempt("race", 10)).ok());
  std::atomic<int> got{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto taken = this->repo().TakeAttempt("race", T(1));
      if (!taken.ok()) {
        ++failed;
      } else if (taken->has_value()) {
        ++got;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(got.load(), 1);
}

TYPED_TEST(SsoContract, DeleteExpiredRemovesOnlyAttemptsThatEndedBefore) {
  ASSERT_TRUE(this->repo().CreateAttempt(this->Attempt("old", 5)).ok());
  ASSERT_TRUE(this->repo().CreateAttempt(this->Attempt("edge", 10)).ok());
  ASSERT_TRUE(this->repo().CreateAttempt(this->Attempt("new", 30)).ok());
  auto deleted = this->repo().DeleteExpiredAttempts(T(10));
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(*deleted, 1);
  // The survivors are still there (a new attempt with their state is refused).
  EXPECT_EQ(this->repo().CreateAttempt(this->Attempt("edge", 40)).status().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(this->repo().CreateAttempt(this->Attempt("new", 40)).status().code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(this->repo().CreateAttempt(this->Attempt("old", 40)).ok());
  auto none = this->repo().DeleteExpiredAttempts(T(10));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

}  // namespace
}  // namespace pairwise::storage
