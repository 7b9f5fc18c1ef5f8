// Reading and writing rows of the relationships table (migrations 0010 and 0015), shared by the
// relationship reader, publishing a proposal and accepting a self-match request: the one place
// a relationship row is inserted.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/relationships/relationship.h"

namespace pairwise::storage {

// The relationships selected by `where_and_order` (e.g. "WHERE program_id = :p ORDER BY id"),
// with `bind` adding the use() elements of its placeholders, in order. Throws what SOCI throws.
std::vector<domain::Relationship> SelectRelationships(
    soci::session& session, const std::string& where_and_order,
    const std::function<void(soci::statement&)>& bind);

// Inserts each of `relationships` as an active relationship of its program, with its source,
// proposal (matching) or request (self-match), score and explanation, started at its started_at
// or at `now` when that is unset; ids, ended_at and end_reason are not read. Conflict
// "already_matched" when a mentee would have two active relationships in one program: the
// caller's transaction must then be rolled back (PostgreSQL has aborted it). Runs in the
// caller's transaction; throws what SOCI throws otherwise.
Status InsertRelationships(soci::session& session,
                           const std::vector<domain::Relationship>& relationships, TimePoint now);

}  // namespace pairwise::storage
