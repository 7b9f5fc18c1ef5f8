// The GoalHistoryWriter over SOCI (goal_repository.cpp): many goals with their milestones and
// history in one transaction, by COPY on PostgreSQL.
#pragma once

#include <memory>

#include "domain/relationships/goal_import.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe.
std::unique_ptr<domain::GoalHistoryWriter> MakeGoalHistoryWriter(Database& db);

}  // namespace pairwise::storage
