// Where the admin's column mapping is kept between uploads (one mapping per deployment: an
// organization has one HRIS export format). Implemented by storage over SQLite/PostgreSQL
// (table import_mappings, migration 5) and in memory; one contract suite
// (src/storage/import_mapping_repository_contract_test.cpp) holds them to these promises.
#pragma once

#include <span>
#include <vector>

#include "common/status.h"
#include "domain/people/import/mapping.h"

namespace pairwise::domain::import {

// Thread-safe; each call is atomic. Errors: Unavailable when the store cannot be reached,
// Internal for anything unexpected. Never throws.
class ImportMappingRepository {
 public:
  virtual ~ImportMappingRepository() = default;
  // The saved entries in the order they were saved; empty before the first save.
  virtual Result<std::vector<SavedMappingEntry>> Load() = 0;
  // Replaces the whole mapping with `entries`. Precondition: NormalizeMapping(entries) returns
  // them unchanged (no header repeated after NormalizeHeader); InvalidArgument otherwise.
  virtual Status Replace(std::span<const SavedMappingEntry> entries) = 0;
};

}  // namespace pairwise::domain::import
