// An in-memory ProgramRepository for domain tests and the contract suite. Same contract as the
// SQL repository (src/storage/program_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "domain/programs/program_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryProgramRepository final : public domain::ProgramRepository {
 public:
  Result<domain::Program> CreateProgram(const domain::ProgramFields& fields,
                                        TimePoint now) override;
  Status UpdateProgram(domain::ProgramId id, const domain::ProgramFields& fields,
                       TimePoint now) override;
  Status SetProgramStatus(domain::ProgramId id, domain::ProgramStatus from,
                          domain::ProgramStatus to, TimePoint now) override;
  Result<std::vector<domain::Program>> ListPrograms() override;
  Status SetMentorCapacity(domain::ProgramId id, std::string_view mentor_employee_id,
                           std::optional<domain::MentorCapacity> capacity) override;
  Result<domain::Program> FindProgram(domain::ProgramId id) override;
  Result<domain::MentorCapacity> EffectiveMentorCapacity(
      domain::ProgramId id, std::string_view mentor_employee_id) override;
  Result<std::map<std::string, domain::MentorCapacity>> ListMentorCapacities(
      domain::ProgramId id) override;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::Program> programs_;
  std::map<std::pair<int64_t, std::string>, domain::MentorCapacity> capacities_;
};

}  // namespace pairwise::storage
