// The directory's rules: what a valid directory is, and the one path by which directory data is
// written (an HR import, SCIM later, the demo generator).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/people/people_repository.h"
#include "domain/people/person.h"

namespace pairwise::domain {

// Thread-safe as far as its repository is (the storage ones are): it holds no state of its own.
class PeopleService {
 public:
  // `repository` must outlive the service.
  explicit PeopleService(PeopleRepository& repository) : repository_(repository) {}

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

  Result<int64_t> CountPeople() { return repository_.CountPeople(); }
  // NotFound when no one has that employee id.
  Result<Person> FindPerson(std::string_view employee_id);
  // InvalidArgument for a limit outside 1..kMaxPeoplePageSize.
  Result<std::vector<Person>> ListPeople(const PeoplePageRequest& request);
  Result<std::vector<Person>> ListDirectReports(std::string_view manager_employee_id) {
    return repository_.ListDirectReports(manager_employee_id);
  }
  // Managers above the person, nearest first. NotFound when the person is unknown.
  Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) {
    return repository_.ManagementChain(employee_id);
  }
  // Promotion, exit, hire and title history, oldest first. NotFound for an unknown person.
  Result<std::vector<PersonEvent>> History(std::string_view employee_id);
  Result<std::vector<Department>> ListDepartments() { return repository_.ListDepartments(); }
  Result<std::vector<Site>> ListSites() { return repository_.ListSites(); }
  Result<std::vector<Skill>> ListSkills() { return repository_.ListSkills(); }

 private:
  PeopleRepository& repository_;
};

}  // namespace pairwise::domain
