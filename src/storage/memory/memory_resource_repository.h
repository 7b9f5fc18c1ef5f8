// An in-memory ResourceRepository for domain tests and the contract suite. Same contract as the
// SQL repository (src/storage/resource_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "domain/resources/resource.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryResourceRepository final : public domain::ResourceRepository {
 public:
  Result<std::vector<domain::Resource>> Search(const domain::ResourceQuery& query) override;
  Result<domain::Resource> Find(domain::ResourceId id) override;
  Result<domain::Resource> Create(const domain::Resource& resource) override;
  Result<domain::Resource> Update(const domain::Resource& resource) override;
  Status Delete(domain::ResourceId id) override;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::Resource> resources_;
};

}  // namespace pairwise::storage
