// An in-memory PeopleRepository for domain tests. It keeps the same contract as the SQL
// repositories (src/storage/people_repository_contract_test.cpp runs against all of them) and
// can inject write failures, to test that callers leave nothing half-written.
#pragma once

#include <memory>
#include <mutex>

#include "common/status.h"
#include "domain/people/people_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex serializes every call; a transaction holds it throughout.
class MemoryPeopleRepository final : public domain::PeopleRepository {
 public:
  MemoryPeopleRepository();
  ~MemoryPeopleRepository() override;
  MemoryPeopleRepository(const MemoryPeopleRepository&) = delete;
  MemoryPeopleRepository& operator=(const MemoryPeopleRepository&) = delete;

  // Error injection: after `successful_writes` more write calls succeed, every further write call
  // returns `error` (until the next call of this method; an OK `error` turns injection off). A
  // write call is one Upsert*, AppendEvents, SetExternalId or SetUserName call, inside a
  // transaction or not.
  void FailWritesAfter(int successful_writes, Status error);

  Status RunInTransaction(const std::function<Status(domain::PeopleRepository& tx)>& work) override;
  Status UpsertDepartments(std::span<const domain::Department> departments) override;
  Status UpsertSites(std::span<const domain::Site> sites) override;
  Status UpsertSkills(std::span<const domain::Skill> skills) override;
  Status UpsertPeople(std::span<const domain::PersonRecord> people) override;
  Status AppendEvents(std::span<const domain::PersonEvent> events) override;
  Result<int64_t> CountPeople() override;
  Result<std::optional<domain::Person>> FindByEmployeeId(std::string_view employee_id) override;
  Result<std::optional<domain::Person>> FindByEmail(std::string_view email) override;
  Result<std::vector<domain::Person>> ListAtOffset(int64_t offset, int limit) override;
  Result<std::optional<std::string>> FindExternalId(std::string_view employee_id) override;
  Result<std::optional<domain::Person>> FindByExternalId(std::string_view external_id) override;
  Status SetExternalId(std::string_view employee_id, std::string_view external_id) override;
  Result<std::optional<std::string>> FindUserName(std::string_view employee_id) override;
  Result<std::optional<domain::Person>> FindByUserName(std::string_view user_name) override;
  Status SetUserName(std::string_view employee_id, std::string_view user_name) override;
  Result<std::vector<domain::Person>> ListPage(const domain::PeoplePageRequest& request) override;
  Result<std::vector<domain::Person>> ListDirectReports(
      std::string_view manager_employee_id) override;
  Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) override;
  Result<std::vector<domain::Person>> ListWithManagers(
      std::span<const std::string> employee_ids) override;
  Result<std::vector<domain::PersonEvent>> ListEvents(std::string_view employee_id) override;
  Result<std::vector<domain::Department>> ListDepartments() override;
  Result<std::vector<domain::Site>> ListSites() override;
  Result<std::vector<domain::Skill>> ListSkills() override;
  Status SetReportingAttributes(std::span<const domain::ReportingAttribute> values) override;
  Result<std::vector<domain::ReportingAttribute>> ListReportingAttributes() override;

 private:
  struct State;
  class Store;        // the operations, over a State the caller has locked
  class Transaction;  // the repository handed to RunInTransaction's work

  std::mutex mutex_;
  std::unique_ptr<State> state_;  // guarded by mutex_
};

}  // namespace pairwise::storage
