// An in-memory ImportMappingRepository for domain and handler tests; held to the same contract
// as the SQL one (src/storage/import_mapping_repository_contract_test.cpp).
#pragma once

#include <mutex>
#include <vector>

#include "domain/people/import/import_mapping_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards the entries.
class MemoryImportMappingRepository final : public domain::import::ImportMappingRepository {
 public:
  Result<std::vector<domain::import::SavedMappingEntry>> Load() override;
  Status Replace(std::span<const domain::import::SavedMappingEntry> entries) override;
  // Error injection: every call returns `error` until called again with an OK Status.
  void FailWith(Status error);

 private:
  std::mutex mutex_;
  std::vector<domain::import::SavedMappingEntry> entries_;
  Status failure_;
};

}  // namespace pairwise::storage
