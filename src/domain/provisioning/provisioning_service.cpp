#include "domain/provisioning/provisioning_service.h"

#include <random>

namespace pairwise::domain {

namespace {

constexpr int kGeneratedIdAttempts = 3;

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string MakeEmployeeId() {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string id = "scim-";
  for (int i = 0; i < 12; ++i) id.push_back(kAlphabet[pick(device)]);
  return id;
}

// Resolves a department given by code (exactly) or by name (ignoring ASCII case).
Result<std::string> ResolveDepartment(std::string_view wanted,
                                      const std::vector<Department>& departments) {
  if (wanted.empty()) return std::string();
  for (const Department& d : departments) {
    if (d.code == wanted) return d.code;
  }
  const Department* match = nullptr;
  for (const Department& d : departments) {
    if (!EqualsIgnoreAsciiCase(d.name, wanted)) continue;
    if (match != nullptr) {
      return Status::InvalidArgument(
          "department \"" + std::string(wanted) + "\" names several departments; give its code",
          "department");
    }
    match = &d;
  }
  if (match == nullptr) {
    return Status::InvalidArgument(
        "department \"" + std::string(wanted) + "\" is neither a department code nor a name",
        "department");
  }
  return match->code;
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

Result<PersonRecord> ProvisioningService::ToRecord(
    const ProvisionedUser& user, PersonRecord record,
    const std::vector<Department>& departments) const {
  record.employee_id = user.employee_id;
  record.email = user.email;
  record.first_name = user.first_name;
  record.last_name = user.last_name;
  if (!user.job_title.empty()) record.job_title = user.job_title;
  if (!user.time_zone.empty()) record.time_zone = user.time_zone;
  Result<std::string> department = ResolveDepartment(user.department, departments);
  if (!department.ok()) return department.status();
  record.department = std::move(department).value();
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
  return record;
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
  Result<std::optional<PersonWithExternalId>> person = people_.FindByEmail(user_name);
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
    Result<PersonRecord> record = ToRecord(wanted, defaults, *departments);
    if (!record.ok()) return record.status();
    Result<PersonWithExternalId> created = people_.CreatePerson(*record, wanted.external_id);
    if (!created.ok()) {
      // A made-up id that happens to be taken is tried again with another.
      if (make_up_id && created.status().code() == ErrorCode::kConflict &&
          created.status().field() == "employee_id" && attempt + 1 < kGeneratedIdAttempts) {
        continue;
      }
      return created.status();
    }
    ProvisionedUser result = ToUser(*created, *departments);
    PAIRWISE_RETURN_IF_ERROR(Audit(actor, "scim_user_created", result, "userName " + result.email));
    return result;
  }
}

Result<ProvisionedUser> ProvisioningService::Update(const Actor& actor, std::string_view id,
                                                    const UserChangeFn& change) {
  PAIRWISE_RETURN_IF_ERROR(CheckActor(actor));
  Result<std::vector<Department>> departments = Departments();
  if (!departments.ok()) return departments.status();
  std::optional<ProvisionedUser> before;
  Result<PersonWithExternalId> updated = people_.UpdatePerson(
      id, Today(), [&](const PersonWithExternalId& current) -> Result<PersonChange> {
        before = ToUser(current, *departments);
        Result<ProvisionedUser> wanted = change(*before);
        if (!wanted.ok()) return wanted.status();
        if (wanted->employee_id != before->employee_id) {
          return Status::InvalidArgument(
                     "the id (employee number) \"" + before->employee_id + "\" cannot change",
                     "employee_id")
              .WithReason("mutability");
        }
        Result<PersonRecord> record = ToRecord(*wanted, current.person, *departments);
        if (!record.ok()) return record.status();
        return PersonChange{std::move(record).value(), wanted->external_id};
      });
  if (!updated.ok()) return updated.status();
  ProvisionedUser after = ToUser(*updated, *departments);
  if (before && after != *before) {
    const bool deactivated = before->active && !after.active;
    PAIRWISE_RETURN_IF_ERROR(
        Audit(actor, deactivated ? "scim_user_deactivated" : "scim_user_updated", after,
              deactivated                       ? "userName " + after.email
              : !before->active && after.active ? "userName " + after.email + " reactivated"
                                                : "userName " + after.email));
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
