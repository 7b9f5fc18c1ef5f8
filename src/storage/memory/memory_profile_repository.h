// An in-memory ProfileRepository for domain tests, over a PeopleRepository (usually the memory
// one) for the directory it searches and checks against. Same contract as the SQL repositories
// (src/storage/profile_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "domain/people/people_repository.h"
#include "domain/profiles/profile_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex serializes the profile map; directory reads go through `people`.
class MemoryProfileRepository final : public domain::ProfileRepository {
 public:
  // `people` must outlive this repository.
  explicit MemoryProfileRepository(domain::PeopleRepository& people) : people_(people) {}

  Result<std::optional<domain::Profile>> FindProfile(std::string_view employee_id) override;
  Result<std::vector<domain::Profile>> ListProfiles(
      const std::vector<std::string>& employee_ids) override;
  Status SaveProfiles(std::span<const domain::Profile> profiles) override;
  Result<std::vector<domain::PersonSummary>> SearchPeople(
      const domain::PeopleSearch& search) override;

 private:
  domain::PeopleRepository& people_;
  std::mutex mutex_;
  std::map<std::string, domain::Profile> profiles_;  // by employee id; guarded by mutex_
};

}  // namespace pairwise::storage
