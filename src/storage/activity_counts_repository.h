// The SOCI ActivityCountsReader: a page of a program's relationships table counted in one
// statement (one round trip on PostgreSQL).
#pragma once

#include <memory>

#include "domain/relationships/activity_counts.h"
#include "storage/database.h"

namespace pairwise::storage {

std::unique_ptr<domain::ActivityCountsReader> MakeActivityCountsReader(Database& db);

}  // namespace pairwise::storage
