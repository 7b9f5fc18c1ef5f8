// The AccountRepository and AuditRepository contracts, run against the in-memory fakes, SQLite
// and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless
// PAIRWISE_REQUIRE_POSTGRES=1). Each test starts from a migrated store holding SmallDirectory().
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "domain/accounts/account_repository.h"
#include "domain/mail/mail_service.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/database.h"
#include "storage/memory/memory_account_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Account;
using domain::AccountId;
using domain::AccountStatus;
using domain::ApiToken;
using domain::ApiTokenId;
using domain::NewAccount;
using domain::OneTimePurpose;
using domain::OneTimeToken;
using domain::Role;
using domain::Session;
using std::chrono::minutes;

TimePoint T(int minute) {
  return TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 23)) + minutes(minute);
}

FakeClock& TestClock() {
  static FakeClock clock(T(0));
  return clock;
}

struct AccountStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::PeopleRepository> people;
    std::unique_ptr<domain::AccountRepository> accounts;
    std::unique_ptr<domain::AuditRepository> audit;
    std::unique_ptr<domain::MailOutbox> outbox;  // where bulk invitations queue their mail
    std::unique_ptr<domain::MailService> mail;   // the memory fake's queue over `outbox`
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.people = std::make_unique<MemoryPeopleRepository>();
    store.outbox = std::make_unique<MemoryMailOutbox>();
    store.mail = std::make_unique<domain::MailService>(*store.outbox, TestClock());
    store.accounts = std::make_unique<MemoryAccountRepository>(*store.people, store.mail.get());
    store.audit = std::make_unique<MemoryAuditLog>(TestClock());
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.people = MakePeopleRepository(t->db());
    store.accounts = MakeAccountRepository(t->db());
    store.outbox = MakeMailOutbox(t->db());
    store.audit = MakeAuditLog(t->db(), TestClock());
    store.database = std::move(t);
    return store;
  }
};

template <typename Backend>
class AccountRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  void SetUp() override {
    testing::ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    ASSERT_TRUE(domain::PeopleService(*store_.people)
                    .LoadDirectory(domain::testing::SmallDirectory())
                    .ok());
  }
  domain::AccountRepository& repo() { return *store_.accounts; }

  Account Create(const std::string& employee_id, AccountStatus status = AccountStatus::kActive,
                 std::vector<Role> roles = {}) {
    NewAccount a;
    a.employee_id = employee_id;
    a.status = status;
    a.roles = std::move(roles);
    a.password_hash = status == AccountStatus::kInvited ? "" : "$argon2id$hash-" + employee_id;
    a.created_at = T(0);
    auto created = repo().CreateAccount(a);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Account{};
  }

  Session MakeSession(AccountId account, const std::string& hash, int minute = 0) {
    Session s;
    s.token_hash = hash;
    s.csrf_token = "csrf-" + hash;
    s.account_id = account;
    s.created_at = T(minute);
    s.last_seen_at = T(minute);
    s.absolute_expires_at = T(minute + 720);
    s.remote_address = "198.51.100.7";
    return s;
  }
};

TYPED_TEST_SUITE(AccountRepositoryContract, testing::ContractBackends<AccountStores>,
                 testing::BackendNames);

TYPED_TEST(AccountRepositoryContract, AccountsJoinTheirPerson) {
  Account a = this->Create("E2", AccountStatus::kActive, {Role::kCoordinator, Role::kAdmin});
  EXPECT_TRUE(a.id.valid());
  EXPECT_EQ(a.employee_id, "E2");
  EXPECT_EQ(a.email, "p.E2@example.com");
  EXPECT_EQ(a.name, "FirstE2 Last");
  EXPECT_EQ(a.roles, (std::vector<Role>{Role::kAdmin, Role::kCoordinator}));
  EXPECT_EQ(a.password_hash, "$argon2id$hash-E2");
  EXPECT_EQ(a.created_at, T(0));
  EXPECT_FALSE(a.person_left);

  auto by_email = this->repo().FindAccountByEmail("P.e2@EXAMPLE.com");
  ASSERT_TRUE(by_email.ok());
  ASSERT_TRUE(by_email->has_value());
  EXPECT_EQ((*by_email)->id, a.id);
  auto by_id = this->repo().FindAccount(a.id);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->roles, a.roles);
  auto by_employee = this->repo().FindAccountByEmployeeId("E2");
  ASSERT_TRUE(by_employee.ok() && by_employee->has_value());
  EXPECT_FALSE(this->repo().FindAccountByEmail("nobody@example.com")->has_value());
  EXPECT_FALSE(this->repo().FindAccount(AccountId(987654))->has_value());

  Account left = this->Create("E4");
  EXPECT_TRUE(left.person_left);
  Account invited = this->Create("E3", AccountStatus::kInvited);
  EXPECT_TRUE(invited.password_hash.empty());
  EXPECT_EQ(invited.status, AccountStatus::kInvited);
}

TYPED_TEST(AccountRepositoryContract, InvitationsAreWrittenTogetherOrNotAtAll) {
  Account invited = this->Create("E3", AccountStatus::kInvited);
  OneTimeToken old;
  old.token_hash = "old-link";
  old.account_id = invited.id;
  old.created_at = T(0);
  old.expires_at = T(600);
  ASSERT_TRUE(this->repo().CreateOneTimeToken(old).ok());
  auto write = [](std::string employee_id, AccountId id, std::string hash) {
    domain::InvitationWrite w;
    w.employee_id = std::move(employee_id);
    w.account_id = id;
    w.roles = {Role::kCoordinator};
    w.token.token_hash = std::move(hash);
    w.token.created_at = T(5);
    w.token.expires_at = T(600);
    w.mail = {"p." + w.employee_id + "@example.com", "You are invited", "Hello\n", "invitation"};
    return w;
  };
  // A refused write (E1 twice: the second would be a second account) leaves nothing behind.
  auto refused = this->repo().WriteInvitations(
      {write("E2", AccountId(), "a"), write("E1", AccountId(), "b"), write("E1", AccountId(), "c")},
      T(5));
  EXPECT_EQ(refused.status().code(), ErrorCode::kConflict);
  EXPECT_FALSE(this->repo().FindAccountByEmployeeId("E2")->has_value());
  EXPECT_FALSE(this->repo().FindOneTimeToken("a")->has_value());
  auto none = this->store_.outbox->List(std::nullopt, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->items.empty());

  auto written = this->repo().WriteInvitations(
      {write("E2", AccountId(), "new-link"), write("E3", invited.id, "renewed-link")}, T(5));
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  ASSERT_EQ(written->size(), 2u);
  EXPECT_EQ((*written)[0].employee_id, "E2");
  EXPECT_EQ((*written)[0].status, AccountStatus::kInvited);
  EXPECT_EQ((*written)[0].roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_EQ((*written)[1].id, invited.id);
  EXPECT_EQ((*written)[1].roles, std::vector<Role>{Role::kCoordinator});
  auto link = this->repo().FindOneTimeToken("new-link");
  ASSERT_TRUE(link.ok() && link->has_value());
  EXPECT_EQ((*link)->account_id, (*written)[0].id);
  EXPECT_EQ((*link)->purpose, OneTimePurpose::kInvitation);
  // The renewed invitation's earlier link is used up.
  EXPECT_TRUE((*this->repo().FindOneTimeToken("old-link"))->used_at.has_value());
  EXPECT_FALSE((*this->repo().FindOneTimeToken("renewed-link"))->used_at.has_value());
  auto mails = this->store_.outbox->List(std::nullopt, 10);
  ASSERT_TRUE(mails.ok());
  ASSERT_EQ(mails->items.size(), 2u);
}

TYPED_TEST(AccountRepositoryContract, CreateRefusesUnknownPeopleAndSecondAccounts) {
  this->Create("E1");
  NewAccount again;
  again.employee_id = "E1";
  again.created_at = T(0);
  EXPECT_EQ(this->repo().CreateAccount(again).status().code(), ErrorCode::kConflict);
  again.employee_id = "NOPE";
  EXPECT_EQ(this->repo().CreateAccount(again).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST(AccountRepositoryContract, UpdatesPasswordStatusAndRoles) {
  Account a = this->Create("E3", AccountStatus::kInvited);
  ASSERT_TRUE(this->repo().SetPassword(a.id, "$argon2id$new", AccountStatus::kActive).ok());
  ASSERT_TRUE(this->repo().SetRoles(a.id, {Role::kCoordinator}).ok());
  auto read = this->repo().FindAccount(a.id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->password_hash, "$argon2id$new");
  EXPECT_EQ((*read)->status, AccountStatus::kActive);
  EXPECT_EQ((*read)->roles, std::vector<Role>{Role::kCoordinator});
  ASSERT_TRUE(this->repo().SetRoles(a.id, {}).ok());
  ASSERT_TRUE(this->repo().SetStatus(a.id, AccountStatus::kDisabled).ok());
  read = this->repo().FindAccount(a.id);
  EXPECT_TRUE((*read)->roles.empty());
  EXPECT_EQ((*read)->status, AccountStatus::kDisabled);
  EXPECT_EQ(this->repo().SetRoles(AccountId(987654), {}).code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().SetPassword(AccountId(987654), "x", AccountStatus::kActive).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().SetStatus(AccountId(987654), AccountStatus::kActive).code(),
            ErrorCode::kNotFound);
}

TYPED_TEST(AccountRepositoryContract, ListsPagesAndSearches) {
  Account a1 = this->Create("E1");
  Account a2 = this->Create("E2");
  Account a3 = this->Create("E3");
  auto first = this->repo().ListAccounts({.query = "", .after_id = 0, .limit = 2});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].id, a1.id);
  EXPECT_EQ((*first)[1].id, a2.id);
  auto rest = this->repo().ListAccounts({.query = "", .after_id = a2.id.value, .limit = 2});
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, a3.id);
  auto single = this->repo().ListAccounts({.query = "", .after_id = 0, .limit = 1});
  ASSERT_TRUE(single.ok());
  ASSERT_EQ(single->size(), 1u);
  EXPECT_EQ((*single)[0].id, a1.id);
  auto search = this->repo().ListAccounts({.query = "P.E3@", .after_id = 0, .limit = 10});
  ASSERT_TRUE(search.ok());
  ASSERT_EQ(search->size(), 1u);
  EXPECT_EQ((*search)[0].employee_id, "E3");
  auto by_name = this->repo().ListAccounts({.query = "firste2 last", .after_id = 0, .limit = 10});
  ASSERT_TRUE(by_name.ok());
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ(this->repo().ListAccounts({.query = "", .after_id = 0, .limit = 0}).status().code(),
            ErrorCode::kInvalidArgument);
}

TYPED_TEST(AccountRepositoryContract, SessionsRoundTripTouchAndDelete) {
  Account a = this->Create("E1");
  Account b = this->Create("E2");
  auto s1 = this->repo().CreateSession(this->MakeSession(a.id, "h1"));
  auto s2 = this->repo().CreateSession(this->MakeSession(a.id, "h2"));
  auto s3 = this->repo().CreateSession(this->MakeSession(b.id, "h3"));
  ASSERT_TRUE(s1.ok() && s2.ok() && s3.ok());
  EXPECT_NE(s1->id, s2->id);
  EXPECT_EQ(this->repo().CreateSession(this->MakeSession(b.id, "h1")).status().code(),
            ErrorCode::kConflict);
  auto found = this->repo().FindSession("h1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, s1->id);
  EXPECT_EQ((*found)->csrf_token, "csrf-h1");
  EXPECT_EQ((*found)->account_id, a.id);
  EXPECT_EQ((*found)->absolute_expires_at, T(720));
  EXPECT_EQ((*found)->remote_address, "198.51.100.7");
  ASSERT_TRUE(this->repo().TouchSession(s1->id, T(10)).ok());
  EXPECT_EQ((*this->repo().FindSession("h1"))->last_seen_at, T(10));
  ASSERT_TRUE(this->repo().DeleteSession(s3->id).ok());
  ASSERT_TRUE(this->repo().DeleteSession(s3->id).ok());
  EXPECT_FALSE(this->repo().FindSession("h3")->has_value());
  auto deleted = this->repo().DeleteSessionsOf(a.id);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  EXPECT_FALSE(this->repo().FindSession("h1")->has_value());

  ASSERT_TRUE(this->repo().CreateSession(this->MakeSession(a.id, "old", 0)).ok());
  ASSERT_TRUE(this->repo().CreateSession(this->MakeSession(a.id, "new", 100)).ok());
  auto expired = this->repo().DeleteExpiredSessions(T(110), T(80));
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 1);
  EXPECT_TRUE(this->repo().FindSession("new")->has_value());
}

TYPED_TEST(AccountRepositoryContract, LoginFailuresCountWithinTheWindow) {
  ASSERT_TRUE(this->repo().RecordLoginFailure("a@example.com", "10.0.0.1", T(1)).ok());
  ASSERT_TRUE(this->repo().RecordLoginFailure("a@example.com", "10.0.0.2", T(2)).ok());
  ASSERT_TRUE(this->repo().RecordLoginFailure("b@example.com", "10.0.0.1", T(3)).ok());
  auto by_email = this->repo().CountFailuresByEmail("a@example.com", T(0));
  ASSERT_TRUE(by_email.ok());
  EXPECT_EQ(by_email->count, 2);
  EXPECT_EQ(by_email->oldest, T(1));
  // Strictly after `since`.
  EXPECT_EQ(this->repo().CountFailuresByEmail("a@example.com", T(1))->count, 1);
  auto by_address = this->repo().CountFailuresByAddress("10.0.0.1", T(0));
  ASSERT_TRUE(by_address.ok());
  EXPECT_EQ(by_address->count, 2);
  auto none = this->repo().CountFailuresByEmail("c@example.com", T(0));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->count, 0);
  EXPECT_FALSE(none->oldest.has_value());
  ASSERT_TRUE(this->repo().ClearFailuresByEmail("a@example.com").ok());
  EXPECT_EQ(this->repo().CountFailuresByEmail("a@example.com", T(0))->count, 0);
  EXPECT_EQ(this->repo().CountFailuresByAddress("10.0.0.1", T(0))->count, 1);
  ASSERT_TRUE(this->repo().PruneFailures(T(5)).ok());
  EXPECT_EQ(this->repo().CountFailuresByAddress("10.0.0.1", T(0))->count, 0);
}

TYPED_TEST(AccountRepositoryContract, OneTimeTokensAreConsumedOnce) {
  Account a = this->Create("E1", AccountStatus::kInvited);
  OneTimeToken t;
  t.token_hash = "ott-1";
  t.purpose = OneTimePurpose::kInvitation;
  t.account_id = a.id;
  t.created_at = T(0);
  t.expires_at = T(60);
  auto created = this->repo().CreateOneTimeToken(t);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto found = this->repo().FindOneTimeToken("ott-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->purpose, OneTimePurpose::kInvitation);
  EXPECT_EQ((*found)->expires_at, T(60));
  EXPECT_FALSE((*found)->used_at.has_value());
  EXPECT_FALSE(*this->repo().ConsumeOneTimeToken(created->id, T(60)));  // expired
  EXPECT_TRUE(*this->repo().ConsumeOneTimeToken(created->id, T(59)));
  EXPECT_FALSE(*this->repo().ConsumeOneTimeToken(created->id, T(59)));
  EXPECT_EQ((*this->repo().FindOneTimeToken("ott-1"))->used_at, T(59));

  t.token_hash = "ott-2";
  t.purpose = OneTimePurpose::kReset;
  auto reset = this->repo().CreateOneTimeToken(t);
  ASSERT_TRUE(reset.ok());
  ASSERT_TRUE(this->repo().ExpireOneTimeTokens(a.id, OneTimePurpose::kReset, T(5)).ok());
  EXPECT_FALSE(*this->repo().ConsumeOneTimeToken(reset->id, T(6)));
}

TYPED_TEST(AccountRepositoryContract, ConcurrentConsumersGetTheTokenOnce) {
  Account a = this->Create("E1", AccountStatus::kInvited);
  OneTimeToken t;
  t.token_hash = "race";
  t.account_id = a.id;
  t.created_at = T(0);
  t.expires_at = T(60);
  auto created = this->repo().CreateOneTimeToken(t);
  ASSERT_TRUE(created.ok());
  std::atomic<int> wins = 0, errors = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = this->repo().ConsumeOneTimeToken(created->id, T(1));
      if (!r.ok())
        ++errors;
      else if (*r)
        ++wins;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(wins.load(), 1);
}

TYPED_TEST(AccountRepositoryContract, ApiTokensRoundTripAndRevoke) {
  Account admin = this->Create("E1", AccountStatus::kActive, {Role::kAdmin});
  ApiToken t;
  t.name = "Okta";
  t.token_hash = "api-1";
  t.scopes = {"scim", "export"};
  t.created_at = T(0);
  t.expires_at = T(1000);
  t.created_by = admin.id;
  auto first = this->repo().CreateApiToken(t);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->scopes, (std::vector<std::string>{"export", "scim"}));
  t.name = "BI";
  t.token_hash = "api-2";
  t.scopes = {"export"};
  t.expires_at.reset();
  auto second = this->repo().CreateApiToken(t);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(this->repo().CreateApiToken(t).status().code(), ErrorCode::kConflict);

  auto found = this->repo().FindApiToken("api-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "Okta");
  EXPECT_EQ((*found)->expires_at, T(1000));
  EXPECT_EQ((*found)->created_by, admin.id);
  EXPECT_FALSE((*found)->revoked_at.has_value());
  EXPECT_FALSE((*this->repo().FindApiTokenById(second->id))->expires_at.has_value());
  EXPECT_FALSE(this->repo().FindApiTokenById(ApiTokenId(987654))->has_value());

  auto listed = this->repo().ListApiTokens();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, second->id);  // newest first

  ASSERT_TRUE(this->repo().TouchApiToken(first->id, T(7)).ok());
  EXPECT_EQ((*this->repo().FindApiToken("api-1"))->last_used_at, T(7));
  EXPECT_TRUE(*this->repo().RevokeApiToken(first->id, T(8)));
  EXPECT_FALSE(*this->repo().RevokeApiToken(first->id, T(9)));
  EXPECT_FALSE(*this->repo().RevokeApiToken(ApiTokenId(987654), T(9)));
  EXPECT_EQ((*this->repo().FindApiToken("api-1"))->revoked_at, T(8));
}

TYPED_TEST(AccountRepositoryContract, AuditLogAppendsAndPagesNewestFirst) {
  auto& audit = *this->store_.audit;
  for (int i = 0; i < 5; ++i) {
    domain::AuditEntry e;
    e.actor = "person E1";
    e.action = i % 2 == 0 ? "sign_in" : "sign_out";
    e.target = "person E1";
    e.detail = "entry " + std::to_string(i);
    e.remote_address = "10.0.0.1";
    ASSERT_TRUE(audit.Record(e).ok());
  }
  auto page = audit.List({.before_id = 0, .limit = 2, .action = ""});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].detail, "entry 4");
  EXPECT_EQ((*page)[1].detail, "entry 3");
  EXPECT_EQ((*page)[0].at, FormatIso8601(TestClock().Now()));
  EXPECT_EQ((*page)[0].remote_address, "10.0.0.1");
  auto next = audit.List({.before_id = (*page)[1].id, .limit = 10, .action = ""});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 3u);
  EXPECT_EQ((*next)[2].detail, "entry 0");
  auto one = audit.List({.before_id = 0, .limit = 1, .action = "sign_in"});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].detail, "entry 4");
  auto sign_ins = audit.List({.before_id = 0, .limit = 10, .action = "sign_in"});
  ASSERT_TRUE(sign_ins.ok());
  EXPECT_EQ(sign_ins->size(), 3u);
  EXPECT_EQ(audit.List({.before_id = 0, .limit = 0, .action = ""}).status().code(),
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::storage
