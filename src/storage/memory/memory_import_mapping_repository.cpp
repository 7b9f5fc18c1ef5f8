#include "storage/memory/memory_import_mapping_repository.h"

namespace pairwise::storage {

using domain::import::SavedMappingEntry;

Result<std::vector<SavedMappingEntry>> MemoryImportMappingRepository::Load() {
  std::lock_guard lock(mutex_);
  if (!failure_.ok()) return failure_;
  return entries_;
}

Status MemoryImportMappingRepository::Replace(std::span<const SavedMappingEntry> entries) {
  std::lock_guard lock(mutex_);
  if (!failure_.ok()) return failure_;
  Result<std::vector<SavedMappingEntry>> normalized = domain::import::NormalizeMapping(entries);
  if (!normalized.ok()) return normalized.status();
  if (normalized->size() != entries.size()) {
    return Status::InvalidArgument("a header is repeated in the mapping", "mapping");
  }
  entries_.assign(entries.begin(), entries.end());
  return Status::Ok();
}

void MemoryImportMappingRepository::FailWith(Status error) {
  std::lock_guard lock(mutex_);
  failure_ = std::move(error);
}

}  // namespace pairwise::storage
