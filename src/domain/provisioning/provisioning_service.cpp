#include "domain/provisioning/provisioning_service.h"

#include <random>

#include "common/text.h"
#include "domain/people/directory_validation.h"
#include "domain/people/reference_match.h"

namespace pairwise::domain {

namespace {

constexpr int kGeneratedIdAttempts = 3;

std::string MakeEmployeeId() {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string id = "scim-";
  for (int i = 0; i < 12; ++i) id.push_back(kAlphabet[pick(device)]);
  return id;
}

// The email a user states: their work address, else a userName that is an address.
// InvalidArgument (field "email") when there is neither.
Result<std::string> EmailOf(const ProvisionedUser& user) {
  if (!user.email.empty()) return user.email;
  if (IsValidEmail(user.user_name)) return user.user_name;
  return Status::InvalidArgument("userName \"" + user.user_name +
                                     "\" is not an email address: send the work address in emails",
                                 "email");
}

}  // namespace

Date ProvisioningService::Today() const {
  return Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
}

Status ProvisioningService::CheckActor(const Actor& actor) const {
  if (!actor.HasScope(kScopeScim)) {
    return Status::Forbidden("only an API token with scope \"scim\" may provision people");
  }
  return Status::Ok();
}

Result<std::vector<Department>> ProvisioningService::Departments() {
  return people_.ListDepartments();
}

ProvisionedUser ProvisioningService::ToUser(const PersonWithExternalId& stored,
                                            const std::vector<Department>& departments) const {
  const Person& p = stored.person;
  ProvisionedUser user;
  user.employee_id = p.employee_id;
  user.external_id = stored.external_id;
  user.email = p.email;
  user.user_name = stored.user_name.empty() ? p.email : stored.user_name;
  user.first_name = p.first_name;
  user.last_name = p.last_name;
  user.job_title = p.job_title;
  user.time_zone = p.time_zone;
  user.department = p.department;
  for (const Department& d : departments) {
    if (d.code == p.department) user.department_name = d.name;
  }
  user.manager_employee_id = p.manager_employee_id;
  user.active = p.status != EmploymentStatus::kLeft;
  user.status = p.status;
  return user;
}

Result<PersonChange> ProvisioningService::ToChange(
    const ProvisionedUser& user, PersonRecord record,
    const std::vector<Department>& departments) const {
  if (user.user_name.empty()) {
    return Status::InvalidArgument("userName is required", "user_name");
  }
  Result<std::string> email = EmailOf(user);
  if (!email.ok()) return email.status();
  record.employee_id = user.employee_id;
  record.email = std::move(email).value();
  record.first_name = user.first_name;
  record.last_name = user.last_name;
  if (!user.job_title.empty()) record.job_title = user.job_title;
  if (!user.time_zone.empty()) record.time_zone = user.time_zone;
  PersonChange change;
  record.department.clear();
  if (!user.department.empty()) {
    // As the CSV import finds them: by code, or by name in any case and with or without
    // accents; a name the directory does not know yet is a new department.
    ReferenceIndex index(departments);
    const ReferenceIndex::Match match = index.Find(user.department);
    if (match.outcome == ReferenceIndex::Outcome::kFound) {
      record.department = match.code;
    } else if (match.outcome == ReferenceIndex::Outcome::kAmbiguous) {
      return Status::InvalidArgument(
          "department \"" + user.department + "\" names several departments: send its code",
          "department");
    } else if (!IsValidText(user.department, kMaxTitleBytes)) {
      return Status::InvalidArgument("department \"" + user.department +
                                         "\" is neither a department code nor a department name",
                                     "department");
    } else {
      record.department = index.AddNew(user.department);
      change.new_departments = {NewDepartment(record.department, user.department)};
    }
  }
  record.manager_employee_id = user.manager_employee_id;
  if (!user.active && record.status != EmploymentStatus::kLeft) {
    const Date today = Today();
    record.status = EmploymentStatus::kLeft;
    record.left_date = std::chrono::sys_days(today) < std::chrono::sys_days(record.hire_date)
                           ? record.hire_date
                           : today;
  } else if (user.active && record.status == EmploymentStatus::kLeft) {
    record.status = EmploymentStatus::kActive;
    record.left_date.reset();
  }
  // The userName is stored only when it is not the email (most providers send the email).
  if (AsciiLower(user.user_name) != AsciiLower(record.email)) change.user_name = user.user_name;
  change.record = std::move(record);
  return change;
}

Status ProvisioningService::Audit(const Actor& actor, std::string_view action,
                                  const ProvisionedUser& user, std::string detail) {
  AuditEntry entry;
  entry.actor = actor.Describe();
  entry.action = std::string(action);
  entry.target = "person " + user.employee_id;
  entry.detail = std::move(detail);
  entry.remote_address = actor.remote_address;
  return audit_.Record(std::move(entry));
}

Result<ProvisionedUser> ProvisioningService::Get(const Actor& actor, std::string_view id) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<PersonWithExternalId> person = people_.FindPersonWithExternalId(id);
  if (!person.ok()) return person.status();
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  return ToUser(*person, *departments);
}

Result<std::optional<ProvisionedUser>> ProvisioningService::FindByUserName(
    const Actor& actor, std::string_view user_name) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::optional<PersonWithExternalId>> person = people_.FindByUserName(user_name);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return std::optional<ProvisionedUser>();
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  return std::optional<ProvisionedUser>(ToUser(**person, *departments));
}

Result<std::optional<ProvisionedUser>> ProvisioningService::FindByEmail(const Actor& actor,
                                                                        std::string_view email) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::optional<PersonWithExternalId>> person = people_.FindByEmail(email);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return std::optional<ProvisionedUser>();
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  return std::optional<ProvisionedUser>(ToUser(**person, *departments));
}

Result<std::optional<ProvisionedUser>> ProvisioningService::FindByExternalId(
    const Actor& actor, std::string_view external_id) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::optional<PersonWithExternalId>> person = people_.FindByExternalId(external_id);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return std::optional<ProvisionedUser>();
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  return std::optional<ProvisionedUser>(ToUser(**person, *departments));
}

Result<ProvisioningService::Page> ProvisioningService::List(const Actor& actor, int64_t offset,
                                                            int limit) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  if (offset < 0) return Status::InvalidArgument("offset must not be negative", "offset");
  if (limit < 0 || limit > kMaxPeoplePageSize) {
    return Status::InvalidArgument(
        "count must be between 0 and " + std::to_string(kMaxPeoplePageSize), "count");
  }
  Page page;
  Result<int64_t> total = people_.CountPeople();
  if (!total.ok()) return total.status();
  page.total = *total;
  if (limit == 0 || offset >= page.total) return page;
  Result<std::vector<PersonWithExternalId>> people = people_.ListAtOffset(offset, limit);
  if (!people.ok()) return people.status();
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  for (const PersonWithExternalId& person : *people) {
    page.users.push_back(ToUser(person, *departments));
  }
  return page;
}

Result<ProvisionedUser> ProvisioningService::Create(const Actor& actor,
                                                    const ProvisionedUser& user) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  PersonRecord defaults;
  defaults.job_title = std::string(kDefaultJobTitle);
  defaults.time_zone = std::string(kDefaultTimeZone);
  defaults.level = kMinLevel;
  defaults.hire_date = Today();
  defaults.status = EmploymentStatus::kActive;
  const bool make_up_id = user.employee_id.empty();
  for (int attempt = 0;; ++attempt) {
    ProvisionedUser wanted = user;
    if (make_up_id) wanted.employee_id = MakeEmployeeId();
    Result<PersonChange> change = ToChange(wanted, defaults, *departments);
    if (!change.ok()) return change.status();
    change->external_id = wanted.external_id;
    Result<PersonWithExternalId> created = people_.CreatePerson(*change);
    if (!created.ok()) {
      // A made-up id that happens to be taken is tried again with another.
      if (make_up_id && created.status().code() == ErrorCode::kConflict &&
          created.status().field() == "employee_id" && attempt + 1 < kGeneratedIdAttempts) {
        continue;
      }
      return created.status();
    }
    departments->insert(departments->end(), change->new_departments.begin(),
                        change->new_departments.end());
    ProvisionedUser result = ToUser(*created, *departments);
    PAIRWISE_RETURN_IF_ERROR(
        Audit(actor, "scim_user_created", result, "userName " + result.user_name));
    return result;
  }
}

Result<ProvisionedUser> ProvisioningService::Update(const Actor& actor, std::string_view id,
                                                    const UserChangeFn& change) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  std::optional<ProvisionedUser> before;
  std::vector<Department> created_departments;
  Result<PersonWithExternalId> updated = people_.UpdatePerson(
      id, Today(), [&](const PersonWithExternalId& current) -> Result<PersonChange> {
        before = ToUser(current, *departments);
        Result<ProvisionedUser> wanted = change(*before);
        if (!wanted.ok()) return wanted.status();
        // A userName that was the email follows it: a provider renaming such a user to another
        // address without sending emails changes the address.
        if (wanted->email == before->email && wanted->user_name != before->user_name &&
            AsciiLower(before->user_name) == AsciiLower(before->email) &&
            IsValidEmail(wanted->user_name)) {
          wanted->email = wanted->user_name;
        }
        if (wanted->employee_id != before->employee_id) {
          return Status::InvalidArgument(
                     "the id (employee number) \"" + before->employee_id + "\" cannot change",
                     "employee_id")
              .WithReason("mutability");
        }
        Result<PersonChange> written = ToChange(*wanted, current.person, *departments);
        if (!written.ok()) return written.status();
        created_departments = written->new_departments;
        written->external_id = wanted->external_id;
        return written;
      });
  if (!updated.ok()) return updated.status();
  departments->insert(departments->end(), created_departments.begin(), created_departments.end());
  ProvisionedUser after = ToUser(*updated, *departments);
  if (before && after != *before) {
    const bool deactivated = before->active && !after.active;
    PAIRWISE_RETURN_IF_ERROR(
        Audit(actor, deactivated ? "scim_user_deactivated" : "scim_user_updated", after,
              deactivated                       ? "userName " + after.user_name
              : !before->active && after.active ? "userName " + after.user_name + " reactivated"
                                                : "userName " + after.user_name));
  }
  return after;
}

Result<ProvisionedUser> ProvisioningService::Deactivate(const Actor& actor, std::string_view id) {
  return Update(actor, id, [](ProvisionedUser user) -> Result<ProvisionedUser> {
    user.active = false;
    return user;
  });
}

}  // namespace pairwise::domain
