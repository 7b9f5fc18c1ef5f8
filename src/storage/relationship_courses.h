// The RelationshipCourseWriter over SOCI (relationship_repository.cpp): the agreements and the
// relationships' endings of many past relationships in one transaction, by COPY on PostgreSQL.
#pragma once

#include <memory>

#include "domain/relationships/relationship_courses.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe.
std::unique_ptr<domain::RelationshipCourseWriter> MakeRelationshipCourseWriter(Database& db);

}  // namespace pairwise::storage
