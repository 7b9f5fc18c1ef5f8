// Provisioning people from an identity provider (SCIM 2.0, src/api/scim/): users as the
// provider sees them, mapped onto the directory by PeopleService's single-person writes.
//
// What a provider states and what it cannot:
//   - the user's id is the person's employee id (stable: employee ids never change). The
//     provider may give it as employeeNumber when it creates the user; otherwise one is made up
//     ("scim-" and 12 random letters and digits). It cannot change afterwards.
//   - the email is the work address the provider sends; userName is the provider's name for the
//     user: the email itself, or anything else (a UPN, "Test_User_<guid>"), then stored beside
//     the person. When the provider sends no address, a userName that is an email address is
//     the email; a userName that was the email follows it when it changes to another address.
//   - name, job title, time zone, department (by code or by name; one the directory does not
//     know yet is created, as the CSV import does: ReferenceIndex), manager (by employee id)
//     and active are the provider's to set.
//   - active false is status left (left_date today, or the hire date if that is later); active
//     true brings a person who left back as active; a person on leave stays on leave.
//   - Directory fields SCIM does not carry get defaults on creation and are left unchanged on
//     update: hire date = today (UTC), level = kMinLevel (1), site = none, languages = none,
//     and, when the provider sends none, job title = kDefaultJobTitle and time zone = UTC.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/people_service.h"

namespace pairwise::domain {

inline constexpr std::string_view kDefaultJobTitle = "Employee";
inline constexpr std::string_view kDefaultTimeZone = "UTC";

// A user as an identity provider sees one.
struct ProvisionedUser {
  std::string employee_id;  // SCIM id and employeeNumber; empty on creation: made up
  std::string external_id;  // the provider's own key; empty: none
  std::string user_name;    // userName; empty on reads of people without one: the email
  std::string email;        // the work address
  std::string first_name;
  std::string last_name;
  std::string job_title;            // empty on creation: kDefaultJobTitle
  std::string time_zone;            // IANA name; empty on creation: kDefaultTimeZone
  std::string department;           // a department's code, or its name; empty: none
  std::string manager_employee_id;  // empty: none
  bool active = true;               // false: the person left

  // Filled by the service when it reads a user; ignored on writes.
  std::string department_name;
  EmploymentStatus status = EmploymentStatus::kActive;

  friend bool operator==(const ProvisionedUser&, const ProvisionedUser&) = default;
};

// Thread-safe as far as PeopleService and the AuditLog are. Every method needs an actor that is
// an API token with scope kScopeScim (Forbidden otherwise) and, besides the errors listed,
// returns storage errors as they come.
class ProvisioningService {
 public:
  // All three must outlive the service.
  ProvisioningService(PeopleService& people, AuditLog& audit, const Clock& clock)
      : people_(people), audit_(audit), clock_(clock) {}

  // NotFound for an unknown id.
  Result<ProvisionedUser> Get(const Actor& actor, std::string_view id);
  // The user whose userName is `user_name`, ignoring ASCII case; nullopt when none.
  Result<std::optional<ProvisionedUser>> FindByUserName(const Actor& actor,
                                                        std::string_view user_name);
  // The user whose email is `email`, ignoring ASCII case; nullopt when none.
  Result<std::optional<ProvisionedUser>> FindByEmail(const Actor& actor, std::string_view email);
  // Compared exactly; nullopt when none.
  Result<std::optional<ProvisionedUser>> FindByExternalId(const Actor& actor,
                                                          std::string_view external_id);

  struct Page {
    int64_t total = 0;  // every user, whatever their status
    std::vector<ProvisionedUser> users;
  };
  // Users by id (bytewise) from position `offset` (0-based), at most `limit` (0 gives only the
  // total). InvalidArgument for a negative offset or limit, or one over kMaxPeoplePageSize.
  Result<Page> List(const Actor& actor, int64_t offset, int limit);

  // Creates the person `user` describes (defaults as in the file comment; a department not yet
  // known is created) and audits "scim_user_created". InvalidArgument naming the field
  // (user_name when empty, email when there is no address, first_name, last_name, job_title,
  // time_zone, department, manager_employee_id, employee_id) for a bad value or an unknown
  // manager; Conflict naming employee_id, email, user_name or external_id when taken.
  Result<ProvisionedUser> Create(const Actor& actor, const ProvisionedUser& user);

  // Reads the user, lets `change` edit it and writes the result, in one transaction; audits
  // "scim_user_deactivated" when active went false, else "scim_user_updated" (nothing when
  // nothing changed). NotFound for an unknown id; `change`'s error as is; InvalidArgument
  // (reason "mutability", field employee_id) when the change alters the id; otherwise Create's
  // errors. A management cycle is InvalidArgument on manager_employee_id. `change` must not
  // call this service.
  using UserChangeFn = std::function<Result<ProvisionedUser>(ProvisionedUser current)>;
  Result<ProvisionedUser> Update(const Actor& actor, std::string_view id,
                                 const UserChangeFn& change);

  // Update setting active false (the person is marked left, never deleted). Idempotent.
  Result<ProvisionedUser> Deactivate(const Actor& actor, std::string_view id);

  // Today in UTC, from the clock.
  Date Today() const;

 private:
  Status CheckActor(const Actor& actor) const;
  Result<std::vector<Department>> Departments();
  ProvisionedUser ToUser(const PersonWithExternalId& person,
                         const std::vector<Department>& departments) const;
  // The write for `user` over `base`: its record, stored userName and the department to create.
  Result<PersonChange> ToChange(const ProvisionedUser& user, PersonRecord base,
                                const std::vector<Department>& departments) const;
  Status Audit(const Actor& actor, std::string_view action, const ProvisionedUser& user,
               std::string detail);

  PeopleService& people_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
