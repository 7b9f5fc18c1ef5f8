// The mentor resources repository over SOCI (migration 42: resources), the same statements for
// SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/resources/resource.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe.
std::unique_ptr<domain::ResourceRepository> MakeResourceRepository(Database& db);

}  // namespace pairwise::storage
