// An in-memory ApplicationRepository for domain tests and the contract suite. Same contract as
// the SQL repository (src/storage/application_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "domain/applications/application_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryApplicationRepository final : public domain::ApplicationRepository {
 public:
  Result<domain::ApplicationForm> FindForm(domain::ProgramId program, domain::Side side) override;
  Result<domain::ApplicationForm> FindFormVersion(domain::ProgramId program, domain::Side side,
                                                  int version) override;
  Result<domain::ApplicationForm> SaveForm(domain::ProgramId program, domain::Side side,
                                           const std::vector<domain::Question>& questions) override;
  Result<std::vector<domain::Application>> CreateApplications(
      const std::vector<domain::Application>& applications, TimePoint now) override;
  Result<domain::Application> FindApplication(domain::ApplicationId id) override;
  Status UpdateAnswers(domain::ApplicationId id, int form_version, const domain::Answers& answers,
                       TimePoint now) override;
  Status Decide(domain::ProgramId program, const std::vector<domain::ApplicationId>& ids,
                const std::vector<domain::ApplicationStatus>& from, domain::ApplicationStatus to,
                std::string_view message, TimePoint now) override;
  Status SetManagerApproval(domain::ApplicationId id, domain::ManagerApproval approval,
                            TimePoint now) override;
  Result<std::vector<domain::Application>> ListApplications(domain::ProgramId program) override;
  Result<std::vector<domain::Application>> ListByPerson(std::string_view employee_id) override;
  Result<std::optional<domain::Participant>> FindParticipant(domain::ProgramId program,
                                                             domain::Side side,
                                                             std::string_view employee_id) override;
  Result<std::vector<std::string>> ListApproved(domain::ProgramId program,
                                                domain::Side side) override;
  Result<int> CountApproved(domain::ProgramId program, domain::Side side) override;

 private:
  using FormKey = std::tuple<int64_t, int, int>;  // program, side, version
  std::mutex mutex_;
  std::map<FormKey, std::vector<domain::Question>> forms_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::Application> applications_;
};

}  // namespace pairwise::storage
