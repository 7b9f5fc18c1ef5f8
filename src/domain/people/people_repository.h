// Where the directory is kept. Implemented by storage (SOCI over SQLite or PostgreSQL) and by an
// in-memory fake; one contract test suite (src/storage/people_repository_contract_test.cpp)
// holds every implementation to the promises below.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/people/person.h"

namespace pairwise::domain {

struct PeoplePageRequest {
  // Keyset pagination: people whose employee id sorts after this one (bytewise); empty: from
  // the start.
  std::string after_employee_id;
  int limit = 100;  // 1..kMaxPeoplePageSize
};
inline constexpr int kMaxPeoplePageSize = 1000;

// Thread safety: every method may be called from any thread at once. Each call is atomic: it
// takes effect entirely or not at all.
//
// Errors common to every method: Unavailable when the store cannot be reached or stays busy
// (retry later); Internal for anything unexpected. Methods never throw.
//
// The repository checks what it must to keep its data consistent (references resolve, keys are
// unique) but not the directory's business rules (email syntax, level range, management
// cycles): PeopleService checks those before writing.
class PeopleRepository {
 public:
  virtual ~PeopleRepository() = default;

  // Runs `work` with a repository whose calls all belong to one transaction, committed if `work`
  // returns OK and rolled back otherwise (the failure is then returned as is). Reads inside see
  // the transaction's own writes. `tx` is valid only during the call; inside `work`, use `tx`
  // only: calling this repository directly from `work` may wait on the transaction itself
  // (Unavailable after the store's busy timeout). Calling RunInTransaction on `tx` joins the
  // same transaction.
  virtual Status RunInTransaction(const std::function<Status(PeopleRepository& tx)>& work) = 0;

  // Inserts each department, or updates the one with the same code. Records are applied in
  // order; a code repeated in the batch leaves the last one.
  virtual Status UpsertDepartments(std::span<const Department> departments) = 0;
  virtual Status UpsertSites(std::span<const Site> sites) = 0;
  virtual Status UpsertSkills(std::span<const Skill> skills) = 0;

  // Inserts each person, or replaces every field of the one with the same employee id (the
  // internal id stays). Managers, departments and sites are resolved by key against the batch
  // and what is stored; one that resolves nowhere is InvalidArgument naming the record and
  // field, and nothing is written. An email already used by another stored person is Conflict.
  // A repeated employee id in the batch is InvalidArgument. Does not check for management
  // cycles: the caller must not create one.
  virtual Status UpsertPeople(std::span<const PersonRecord> people) = 0;

  // Records history events of stored people. An event with the same person, kind and date as a
  // stored one is skipped (so loading the same history twice records it once). An unknown
  // employee id is InvalidArgument, and nothing is written.
  virtual Status AppendEvents(std::span<const PersonEvent> events) = 0;

  // Every stored person, whatever their status.
  virtual Result<int64_t> CountPeople() = 0;
  virtual Result<std::optional<Person>> FindByEmployeeId(std::string_view employee_id) = 0;
  // The person whose email equals `email` ignoring ASCII case; nullopt when none.
  virtual Result<std::optional<Person>> FindByEmail(std::string_view email) = 0;
  // People ordered by employee id (bytewise) after skipping the first `offset` of them, at most
  // `limit`: for clients that page by position (SCIM's startIndex). InvalidArgument for a
  // negative offset or a limit outside 1..kMaxPeoplePageSize.
  virtual Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) = 0;

  // External ids: the key an identity provider knows a person by (SCIM externalId). A person
  // has at most one; no two people share one (compared exactly, case included).
  //
  // The external id of the person with `employee_id`; nullopt when they have none or are
  // unknown.
  virtual Result<std::optional<std::string>> FindExternalId(std::string_view employee_id) = 0;
  // The person holding `external_id`; nullopt when no one does.
  virtual Result<std::optional<Person>> FindByExternalId(std::string_view external_id) = 0;
  // Gives the person with `employee_id` the external id `external_id`, replacing the one they
  // had; an empty `external_id` removes theirs. NotFound for an unknown person; Conflict (field
  // "external_id") when another person holds it, and nothing is written.
  virtual Status SetExternalId(std::string_view employee_id, std::string_view external_id) = 0;

  // SCIM userNames that are not the person's email (an identity provider's UPN or test name):
  // a person has at most one; no two people share one, compared ignoring ASCII case.
  //
  // The stored userName of the person with `employee_id`; nullopt when none or unknown.
  virtual Result<std::optional<std::string>> FindUserName(std::string_view employee_id) = 0;
  // The person whose stored userName equals `user_name` ignoring ASCII case; nullopt when none.
  virtual Result<std::optional<Person>> FindByUserName(std::string_view user_name) = 0;
  // Stores `user_name` for the person (replacing theirs; empty removes it). NotFound for an
  // unknown person; Conflict (field "user_name") when another person holds it, and nothing is
  // written.
  virtual Status SetUserName(std::string_view employee_id, std::string_view user_name) = 0;
  // People ordered by employee id (bytewise), at most `request.limit` of them; InvalidArgument
  // for a limit out of range.
  virtual Result<std::vector<Person>> ListPage(const PeoplePageRequest& request) = 0;
  // The people whose manager is `manager_employee_id` (people who left included: their record
  // keeps the manager they left), ordered by employee id; empty when there are none, the
  // manager is unknown or the id is empty.
  virtual Result<std::vector<Person>> ListDirectReports(std::string_view manager_employee_id) = 0;
  // The employee ids above `employee_id`: its manager first, the top of the organization last;
  // empty for the top. NotFound when the person is unknown; Internal if the stored chain loops.
  virtual Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) = 0;
  // The people with these employee ids and everyone above them (their managers, the managers'
  // managers, up to the top of the organization), each once, ordered by employee id
  // (bytewise); ids no one has are skipped, repeated ids count once. One read for what a
  // matching run needs of the directory, instead of the whole of it. A stored chain that loops
  // (bad data: UpsertPeople does not refuse cycles) is read up to where it repeats: the call
  // ends and returns everyone on the loop.
  virtual Result<std::vector<Person>> ListWithManagers(
      std::span<const std::string> employee_ids) = 0;
  // The person's events ordered by date, then kind; empty when none or the person is unknown.
  virtual Result<std::vector<PersonEvent>> ListEvents(std::string_view employee_id) = 0;

  // Reference data, ordered by code (bytewise).
  virtual Result<std::vector<Department>> ListDepartments() = 0;
  virtual Result<std::vector<Site>> ListSites() = 0;
  virtual Result<std::vector<Skill>> ListSkills() = 0;

  // Sets each (person, attribute name) to its value, or removes it when the value is empty.
  // InvalidArgument naming the record ("attributes[3].employee_id") for an unknown person;
  // nothing is written then.
  virtual Status SetReportingAttributes(std::span<const ReportingAttribute> values) = 0;
  // Every stored value, ordered by employee id then name. Callers show them only in aggregate.
  virtual Result<std::vector<ReportingAttribute>> ListReportingAttributes() = 0;
};

}  // namespace pairwise::domain
