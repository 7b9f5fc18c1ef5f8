// An in-memory GoalRepository for domain tests and the contract suite. Same contract as the SQL
// repository (src/storage/goal_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "domain/relationships/goal.h"
#include "domain/relationships/goal_import.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything. Also the GoalHistoryWriter over the same goals.
class MemoryGoalRepository final : public domain::GoalRepository, public domain::GoalHistoryWriter {
 public:
  Result<std::vector<domain::Goal>> ListGoals(int64_t relationship_id) override;
  Result<domain::Goal> FindGoal(domain::GoalId id) override;
  Result<domain::Goal> CreateGoal(const domain::Goal& goal,
                                  const std::vector<domain::GoalEvent>& events) override;
  Result<domain::Goal> UpdateGoal(const domain::Goal& goal,
                                  const std::vector<domain::GoalEvent>& events) override;
  Result<std::vector<domain::GoalEvent>> ListEvents(domain::GoalId id) override;
  Result<std::vector<domain::GoalId>> ImportGoals(
      const std::vector<domain::Goal>& goals,
      const std::vector<domain::GoalEvent>& events) override;

 private:
  void AssignMilestoneIds(domain::Goal& goal);
  std::mutex mutex_;
  int64_t next_goal_ = 1;
  int64_t next_milestone_ = 1;
  std::map<int64_t, domain::Goal> goals_;
  std::vector<domain::GoalEvent> events_;
};

}  // namespace pairwise::storage
