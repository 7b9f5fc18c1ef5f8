// Reading rows of the relationships table (migration 0010), shared by the relationship reader
// and by publishing a proposal, which returns the relationships it created.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/relationships/relationship.h"

namespace pairwise::storage {

// The relationships selected by `where_and_order` (e.g. "WHERE program_id = :p ORDER BY id"),
// with `bind` adding the use() elements of its placeholders, in order. Throws what SOCI throws.
std::vector<domain::Relationship> SelectRelationships(
    soci::session& session, const std::string& where_and_order,
    const std::function<void(soci::statement&)>& bind);

}  // namespace pairwise::storage
