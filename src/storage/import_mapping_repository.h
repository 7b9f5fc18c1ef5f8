// The saved import column mapping over the database (table import_mappings, migration 5).
#pragma once

#include <memory>

#include "domain/people/import/import_mapping_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// `db` (migrated) must outlive the repository. Thread-safe.
std::unique_ptr<domain::import::ImportMappingRepository> MakeImportMappingRepository(Database& db);

}  // namespace pairwise::storage
