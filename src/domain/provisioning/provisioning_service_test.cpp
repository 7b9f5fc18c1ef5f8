#include "domain/provisioning/provisioning_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "domain/people/test_util.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::SmallDirectory;

class RecordingAuditLog final : public AuditLog {
 public:
  Status Record(AuditEntry entry) override {
    std::lock_guard lock(mutex_);
    entry.id = static_cast<int64_t>(entries_.size()) + 1;
    entries_.push_back(std::move(entry));
    return Status::Ok();
  }
  std::vector<AuditEntry> entries() {
    std::lock_guard lock(mutex_);
    return entries_;
  }

 private:
  std::mutex mutex_;
  std::vector<AuditEntry> entries_;
};

Actor ScimToken() {
  Actor actor;
  actor.kind = Actor::Kind::kApiToken;
  actor.api_token_id = ApiTokenId(7);
  actor.scopes = {std::string(kScopeScim)};
  actor.remote_address = "192.0.2.1";
  return actor;
}

ProvisionedUser NewUser() {
  ProvisionedUser user;
  user.user_name = "ada.lovelace@example.com";
  user.email = "ada.lovelace@example.com";
  user.first_name = "Ada";
  user.last_name = "Lovelace";
  user.external_id = "00u1ada";
  return user;
}

class ProvisioningServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(people_.LoadDirectory(SmallDirectory()).ok()); }

  storage::MemoryPeopleRepository repository_;
  PeopleService people_{repository_};
  RecordingAuditLog audit_;
  // 2026-11-23T10:00:00Z
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)) + std::chrono::hours(10))};
  ProvisioningService service_{people_, audit_, clock_};
};

TEST_F(ProvisioningServiceTest, OnlyAScimTokenMayProvision) {
  Actor admin;
  admin.kind = Actor::Kind::kPerson;
  admin.employee_id = "E1";
  admin.roles = {Role::kAdmin};
  Actor export_token = ScimToken();
  export_token.scopes = {std::string(kScopeExport)};
  for (const Actor& actor : {admin, export_token}) {
    EXPECT_EQ(service_.Get(actor, "E1").status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.List(actor, 0, 10).status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.Create(actor, NewUser()).status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.Deactivate(actor, "E2").status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.FindByUserName(actor, "p.E1@example.com").status().code(),
              ErrorCode::kForbidden);
  }
  EXPECT_EQ(people_.FindPerson("E2")->status, EmploymentStatus::kActive);
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(ProvisioningServiceTest, CreatesWithDefaultsForWhatScimDoesNotCarry) {
  auto created = service_.Create(ScimToken(), NewUser());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->employee_id.rfind("scim-", 0), 0u);
  EXPECT_EQ(created->employee_id.size(), 17u);
  auto person = people_.FindPerson(created->employee_id);
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->hire_date, D(2026, 11, 23));
  EXPECT_EQ(person->level, kMinLevel);
  EXPECT_EQ(person->time_zone, "UTC");
  EXPECT_EQ(person->job_title, kDefaultJobTitle);
  EXPECT_TRUE(person->site.empty());
  EXPECT_TRUE(person->languages.empty());
  EXPECT_EQ(person->status, EmploymentStatus::kActive);
  EXPECT_EQ(created->external_id, "00u1ada");

  auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "scim_user_created");
  EXPECT_EQ(entries[0].actor, "api token 7");
  EXPECT_EQ(entries[0].target, "person " + created->employee_id);
  EXPECT_EQ(entries[0].remote_address, "192.0.2.1");

  auto by_name = service_.FindByUserName(ScimToken(), "ADA.LOVELACE@example.com");
  ASSERT_TRUE(by_name.ok());
  ASSERT_TRUE(by_name->has_value());
  EXPECT_EQ(**by_name, *created);
  auto by_external = service_.FindByExternalId(ScimToken(), "00u1ada");
  ASSERT_TRUE(by_external.ok());
  ASSERT_TRUE(by_external->has_value());
  EXPECT_EQ((*by_external)->employee_id, created->employee_id);
}

TEST_F(ProvisioningServiceTest, CreatesWithGivenEmployeeNumberDepartmentByNameAndManager) {
  ProvisionedUser user = NewUser();
  user.employee_id = "E100";
  user.department = "finance";  // FIN's name, other case
  user.manager_employee_id = "E3";
  user.job_title = "Analyst";
  user.time_zone = "Europe/Paris";
  auto created = service_.Create(ScimToken(), user);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->employee_id, "E100");
  EXPECT_EQ(created->department, "FIN");
  EXPECT_EQ(created->department_name, "Finance");
  EXPECT_EQ(created->manager_employee_id, "E3");
  EXPECT_EQ(created->job_title, "Analyst");
  EXPECT_EQ(created->time_zone, "Europe/Paris");

  user.employee_id = "E101";
  user.email = user.user_name = "other@example.com";
  user.external_id = "";
  user.department = "tab\there";  // cannot be a department's name
  auto bad_department = service_.Create(ScimToken(), user);
  EXPECT_EQ(bad_department.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_department.status().field(), "department");
  // A department the directory does not know yet is created (ReferenceIndex, as imports).
  ProvisionedUser newcomer = user;
  newcomer.employee_id = "E102";
  newcomer.email = newcomer.user_name = "newcomer@example.com";
  newcomer.department = "Nowhere Yet";
  auto with_new_department = service_.Create(ScimToken(), newcomer);
  ASSERT_TRUE(with_new_department.ok()) << with_new_department.status().ToString();
  EXPECT_EQ(with_new_department->department, "NOWHERE-YET");
  EXPECT_EQ(with_new_department->department_name, "Nowhere Yet");
  auto departments = people_.ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_TRUE(std::any_of(departments->begin(), departments->end(), [](const Department& d) {
    return d.code == "NOWHERE-YET" && d.name == "Nowhere Yet" && d.division == "Unassigned";
  }));
  user.department = "ENG";
  user.manager_employee_id = "GHOST";
  auto bad_manager = service_.Create(ScimToken(), user);
  EXPECT_EQ(bad_manager.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_manager.status().field(), "manager_employee_id");
  user.manager_employee_id = "";
  user.email = "ADA.lovelace@example.com";
  auto taken = service_.Create(ScimToken(), user);
  EXPECT_EQ(taken.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(taken.status().field(), "email");
  EXPECT_EQ(audit_.entries().size(), 2u);
}

TEST_F(ProvisioningServiceTest, AUserNameThatIsNoAddressIsKeptBesideTheEmail) {
  ProvisionedUser user = NewUser();
  user.user_name = "Test_User_ab6490ee";
  user.email = "ada.work@example.com";
  auto created = service_.Create(ScimToken(), user);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->user_name, "Test_User_ab6490ee");
  EXPECT_EQ(people_.FindPerson(created->employee_id)->email, "ada.work@example.com");
  auto by_name = service_.FindByUserName(ScimToken(), "test_user_AB6490EE");
  ASSERT_TRUE(by_name.ok() && by_name->has_value());
  EXPECT_EQ((*by_name)->employee_id, created->employee_id);
  // Their address is not their userName.
  EXPECT_FALSE(*service_.FindByUserName(ScimToken(), "ada.work@example.com"));
  auto by_email = service_.FindByEmail(ScimToken(), "ada.work@example.com");
  ASSERT_TRUE(by_email.ok() && by_email->has_value());

  // Another person's address, or their userName, is not free as a userName.
  ProvisionedUser other = NewUser();
  other.external_id = "";
  other.email = "other@example.com";
  other.user_name = "p.E2@example.com";  // E2's email, and E2 has no userName of their own
  EXPECT_EQ(service_.Create(ScimToken(), other).status().field(), "user_name");
  other.user_name = "TEST_USER_ab6490ee";
  EXPECT_EQ(service_.Create(ScimToken(), other).status().field(), "user_name");
  // No address at all: refused, naming the email.
  other.user_name = "Test_User_no_mail";
  other.email = "";
  EXPECT_EQ(service_.Create(ScimToken(), other).status().field(), "email");

  // A new work address; then a userName equal to the address is no longer stored apart.
  auto moved = service_.Update(ScimToken(), created->employee_id, [](ProvisionedUser u) {
    u.email = "ada.new@example.com";
    return Result(u);
  });
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->user_name, "Test_User_ab6490ee");
  EXPECT_EQ(people_.FindPerson(created->employee_id)->email, "ada.new@example.com");
  auto same = service_.Update(ScimToken(), created->employee_id, [](ProvisionedUser u) {
    u.user_name = "ada.new@example.com";
    return Result(u);
  });
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_FALSE(*service_.FindByUserName(ScimToken(), "Test_User_ab6490ee"));
  EXPECT_TRUE(*service_.FindByUserName(ScimToken(), "ada.new@example.com"));
}

TEST_F(ProvisioningServiceTest, UpdateKeepsWhatScimDoesNotCarryAndAudits) {
  auto updated = service_.Update(ScimToken(), "E2", [](ProvisionedUser user) {
    user.first_name = "Renamed";
    user.external_id = "aad-E2";
    return Result<ProvisionedUser>(user);
  });
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  auto person = people_.FindPerson("E2");
  ASSERT_TRUE(person.ok());
  PersonRecord expected = SmallDirectory().people[1];
  expected.first_name = "Renamed";
  EXPECT_EQ(static_cast<const PersonRecord&>(*person), expected);
  EXPECT_EQ(updated->external_id, "aad-E2");
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].action, "scim_user_updated");

  // No change: no audit entry.
  ASSERT_TRUE(service_.Update(ScimToken(), "E2", [](ProvisionedUser u) { return Result(u); }).ok());
  EXPECT_EQ(audit_.entries().size(), 1u);

  // The id cannot change; a cycle is refused.
  auto renamed = service_.Update(ScimToken(), "E2", [](ProvisionedUser u) {
    u.employee_id = "E22";
    return Result(u);
  });
  EXPECT_EQ(renamed.status().reason(), "mutability");
  auto cycle = service_.Update(ScimToken(), "E1", [](ProvisionedUser u) {
    u.manager_employee_id = "E4";
    return Result(u);
  });
  EXPECT_EQ(cycle.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cycle.status().field(), "manager_employee_id");
  EXPECT_EQ(service_.Update(ScimToken(), "GHOST", [](ProvisionedUser u) { return Result(u); })
                .status()
                .code(),
            ErrorCode::kNotFound);
}

TEST_F(ProvisioningServiceTest, DeactivationMarksLeftAndReactivationUndoesIt) {
  auto deactivated = service_.Deactivate(ScimToken(), "E2");
  ASSERT_TRUE(deactivated.ok()) << deactivated.status().ToString();
  EXPECT_FALSE(deactivated->active);
  auto person = people_.FindPerson("E2");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->status, EmploymentStatus::kLeft);
  EXPECT_EQ(person->left_date, D(2026, 11, 23));
  auto history = people_.History("E2");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().kind, PersonEventKind::kExit);
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].action, "scim_user_deactivated");

  // Again: nothing changes, nothing audited.
  ASSERT_TRUE(service_.Deactivate(ScimToken(), "E2").ok());
  EXPECT_EQ(audit_.entries().size(), 1u);

  auto back = service_.Update(ScimToken(), "E2", [](ProvisionedUser u) {
    u.active = true;
    return Result(u);
  });
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(people_.FindPerson("E2")->status, EmploymentStatus::kActive);
  EXPECT_FALSE(people_.FindPerson("E2")->left_date.has_value());
  EXPECT_EQ(audit_.entries().back().action, "scim_user_updated");
}

TEST_F(ProvisioningServiceTest, ListsByPosition) {
  auto all = service_.List(ScimToken(), 0, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 4);
  ASSERT_EQ(all->users.size(), 4u);
  EXPECT_EQ(all->users[3].employee_id, "E4");
  EXPECT_FALSE(all->users[3].active);  // E4 left
  auto second = service_.List(ScimToken(), 1, 2);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->users.size(), 2u);
  EXPECT_EQ(second->users[0].employee_id, "E2");
  auto none = service_.List(ScimToken(), 0, 0);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 4);
  EXPECT_TRUE(none->users.empty());
  auto past = service_.List(ScimToken(), 10, 5);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->users.empty());
  EXPECT_EQ(service_.List(ScimToken(), -1, 5).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::domain
