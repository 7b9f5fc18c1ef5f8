#include "domain/accounts/demo_accounts.h"

#include <gtest/gtest.h>

#include "domain/demo/demo_organization.h"
#include "domain/people/people_service.h"
#include "storage/memory/memory_account_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/recording_mail_queue.h"

namespace pairwise::domain {
namespace {

TEST(DemoAccounts, FourWorkingLoginsWithTheirRoles) {
  storage::MemoryPeopleRepository people;
  PeopleService service(people);
  ASSERT_TRUE(LoadDemoOrganization(service, {.people = 300, .seed = 7}).ok());
  FakeClock clock(TimePoint{});
  storage::MemoryAccountRepository accounts(people);
  storage::MemoryAuditLog audit(clock);
  storage::RecordingMailQueue mail;
  AccountOptions options;
  options.password_cost = crypto::PasswordCost::Fast();
  AccountService account_service(accounts, people, audit, mail, clock, options);

  auto none = WorkingDemoLogins(accounts, people);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto created = CreateDemoAccounts(account_service, people);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_EQ(created->size(), 4u);
  auto working = WorkingDemoLogins(accounts, people);
  ASSERT_TRUE(working.ok());
  ASSERT_EQ(working->size(), 4u);
  std::map<std::string, SignedIn> by_role;
  for (const DemoLogin& login : *working) {
    auto signed_in = account_service.SignIn(login.email, kDemoPassword, "127.0.0.1");
    ASSERT_TRUE(signed_in.ok()) << login.role << ": " << signed_in.status().ToString();
    by_role.emplace(login.role, *signed_in);
  }
  EXPECT_EQ(by_role.at("admin").account.account.roles, std::vector<Role>{Role::kAdmin});
  EXPECT_EQ(by_role.at("coordinator").account.account.roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_TRUE(by_role.at("manager").account.is_manager);
  EXPECT_TRUE(by_role.at("manager").account.account.roles.empty());
  EXPECT_FALSE(by_role.at("participant").account.is_manager);
  EXPECT_TRUE(by_role.at("participant").account.account.roles.empty());
  auto participant = people.FindByEmployeeId(by_role.at("participant").account.account.employee_id);
  ASSERT_TRUE(participant.ok() && participant->has_value());
  EXPECT_EQ((*participant)->manager_employee_id, by_role.at("manager").account.account.employee_id);
  // Running it again is harmless.
  ASSERT_TRUE(CreateDemoAccounts(account_service, people).ok());
}

}  // namespace
}  // namespace pairwise::domain
