// The directory's rules: what a valid directory is, and the one path by which directory data is
// written (an HR import, SCIM later, the demo generator).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/people/departures.h"
#include "domain/people/people_repository.h"
#include "domain/people/person.h"

namespace pairwise::domain {

// One person with the keys an identity provider knows them by: its external id and, when it is
// not the email, its SCIM userName (each empty when none).
struct PersonWithExternalId {
  Person person;
  std::string external_id;
  std::string user_name;
};

// What CreatePerson and UpdatePerson write: the whole new record, the external id and stored
// userName (empty: none), and departments to create first (the record may name them).
struct PersonChange {
  PersonRecord record;
  std::string external_id;
  std::string user_name;
  std::vector<Department> new_departments;
};

// Thread-safe as far as its repository is (the storage ones are): it holds no state of its own.
class PeopleService {
 public:
  // `repository` must outlive the service.
  explicit PeopleService(PeopleRepository& repository) : repository_(repository) {}

  // Told of every departure this service writes (LoadDirectory, UpdatePerson), after the write
  // commits. Set once by the composition root before serving; may stay unset (tests, tools).
  void SetDepartureObserver(DepartureObserver* observer) { departures_ = observer; }

  // Checks every record of `directory` and, only if all are valid, writes all of it in one
  // transaction: reference data first, then people (inserted or updated by employee id), then
  // events. Records may refer to each other and to what is already stored.
  //
  // InvalidArgument on the first bad record, with a message naming the record (its position
  // and key) and the rule broken, and field() naming it as "people[12].manager_employee_id";
  // nothing is written then. Checked: keys present, well formed and not repeated (employee ids,
  // emails ignoring ASCII case, department/site/skill codes); names, titles, time zones and
  // language codes well formed; levels within kMinLevel..kMaxLevel; dates real calendar days, no
  // one leaving before joining and left_date set exactly for people who left; managers, departments
  // and sites that resolve, no one managing themselves and no management cycle (counting stored
  // managers); events of known people with the fields their kind needs. Conflict when an email
  // belongs to another stored person. Storage errors as the repository returns them.
  Status LoadDirectory(const Directory& directory);

  // Single-person writes (SCIM provisioning). Each checks the record exactly as LoadDirectory
  // checks a directory holding only it (the same rules, managers resolved against what is
  // stored, no management cycle), and writes in one transaction. Errors name the field without
  // a record prefix ("email", "manager_employee_id", "external_id") and the message starts with
  // the employee: `employee "E7": email "x" is not a valid address`.
  //
  // Creates a person with a hire event (at hire_date, to record.level and record.job_title) and
  // the external id (empty: none). Conflict naming "employee_id" when the employee id is taken,
  // "email" when the email is another person's, "external_id" when another person holds it;
  // InvalidArgument for a bad record or an external id that is not 1..255 bytes of printable
  // UTF-8 without surrounding spaces (field "external_id"). Nothing is written on any error.
  Result<PersonWithExternalId> CreatePerson(const PersonRecord& record,
                                            std::string_view external_id);
  // The same with a stored userName and new departments (checked as LoadDirectory checks
  // departments, created in the same transaction). Conflict naming "user_name" when another
  // person holds the userName, or has it as their email and no userName of their own;
  // InvalidArgument (field "user_name") when it is not 1..255 bytes of printable UTF-8.
  Result<PersonWithExternalId> CreatePerson(const PersonChange& wanted);
  // Reads the person with `employee_id` and their external id, calls `change` with them, checks
  // what it returns and writes it, all in one transaction (so nothing written between the read
  // and the write is lost). NotFound for an unknown person; `change`'s error as it is;
  // InvalidArgument (field "employee_id") when the change alters the employee id; otherwise
  // the errors of CreatePerson but for the employee id. History follows: a level rise records
  // a promotion and a new job title a title change (both dated `today`), a move to status left
  // an exit (dated left_date). `change` runs inside the transaction: it must not call this
  // service.
  using PersonChangeFn = std::function<Result<PersonChange>(const PersonWithExternalId& current)>;
  Result<PersonWithExternalId> UpdatePerson(std::string_view employee_id, Date today,
                                            const PersonChangeFn& change);

  Result<int64_t> CountPeople() { return repository_.CountPeople(); }
  // NotFound when no one has that employee id.
  Result<Person> FindPerson(std::string_view employee_id);
  // The person and their external id; NotFound when no one has that employee id.
  Result<PersonWithExternalId> FindPersonWithExternalId(std::string_view employee_id);
  // Email compared ignoring ASCII case; nullopt when no one has it.
  Result<std::optional<PersonWithExternalId>> FindByEmail(std::string_view email);
  // The person whose SCIM userName is `user_name` (ignoring ASCII case): their stored userName,
  // else, for people without one, their email. Nullopt when no one.
  Result<std::optional<PersonWithExternalId>> FindByUserName(std::string_view user_name);
  // External ids compare exactly; nullopt when no one holds it.
  Result<std::optional<PersonWithExternalId>> FindByExternalId(std::string_view external_id);
  // People by employee id (bytewise) from position `offset` (0-based), at most `limit`, with
  // their external ids. InvalidArgument for a negative offset or a limit outside
  // 1..kMaxPeoplePageSize.
  Result<std::vector<PersonWithExternalId>> ListAtOffset(int64_t offset, int limit);
  // InvalidArgument for a limit outside 1..kMaxPeoplePageSize.
  Result<std::vector<Person>> ListPeople(const PeoplePageRequest& request);
  Result<std::vector<Person>> ListDirectReports(std::string_view manager_employee_id) {
    return repository_.ListDirectReports(manager_employee_id);
  }
  // Managers above the person, nearest first. NotFound when the person is unknown.
  Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) {
    return repository_.ManagementChain(employee_id);
  }
  // The people with these employee ids and everyone above them, ordered by employee id (see
  // PeopleRepository::ListWithManagers).
  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> employee_ids) {
    return repository_.ListWithManagers(employee_ids);
  }
  // Promotion, exit, hire and title history, oldest first. NotFound for an unknown person.
  Result<std::vector<PersonEvent>> History(std::string_view employee_id);
  Result<std::vector<Department>> ListDepartments() { return repository_.ListDepartments(); }
  Result<std::vector<Site>> ListSites() { return repository_.ListSites(); }
  Result<std::vector<Skill>> ListSkills() { return repository_.ListSkills(); }
  // Every person's reporting attributes. Only for figures over groups (never shown per person).
  Result<std::vector<ReportingAttribute>> ListReportingAttributes() {
    return repository_.ListReportingAttributes();
  }

 private:
  Result<PersonWithExternalId> WithExternalId(PeopleRepository& repository, Person person);

  void TellDepartures(const Directory& written);

  PeopleRepository& repository_;
  DepartureObserver* departures_ = nullptr;
};

}  // namespace pairwise::domain
