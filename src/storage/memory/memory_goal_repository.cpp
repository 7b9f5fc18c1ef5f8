#include "storage/memory/memory_goal_repository.h"

#include <map>

namespace pairwise::storage {

using domain::Goal;
using domain::GoalEvent;

void MemoryGoalRepository::AssignMilestoneIds(Goal& goal) {
  for (domain::Milestone& m : goal.milestones) {
    if (!m.id.valid()) m.id = domain::MilestoneId(next_milestone_++);
  }
}

Result<std::vector<Goal>> MemoryGoalRepository::ListGoals(int64_t relationship_id) {
  std::lock_guard lock(mutex_);
  std::vector<Goal> out;
  for (const auto& [id, g] : goals_) {
    if (g.relationship_id == relationship_id) out.push_back(g);
  }
  return out;
}

Result<Goal> MemoryGoalRepository::FindGoal(domain::GoalId id) {
  std::lock_guard lock(mutex_);
  auto it = goals_.find(id.value);
  if (it == goals_.end()) return Status::NotFound("no goal " + std::to_string(id.value));
  return it->second;
}

Result<Goal> MemoryGoalRepository::CreateGoal(const Goal& goal,
                                              const std::vector<GoalEvent>& events) {
  std::lock_guard lock(mutex_);
  Goal stored = goal;
  stored.id = domain::GoalId(next_goal_++);
  stored.version = 1;
  AssignMilestoneIds(stored);
  goals_[stored.id.value] = stored;
  for (GoalEvent e : events) {
    e.goal_id = stored.id.value;
    events_.push_back(std::move(e));
  }
  return stored;
}

Result<Goal> MemoryGoalRepository::UpdateGoal(const Goal& goal,
                                              const std::vector<GoalEvent>& events) {
  std::lock_guard lock(mutex_);
  auto it = goals_.find(goal.id.value);
  if (it == goals_.end()) return Status::NotFound("no goal " + std::to_string(goal.id.value));
  if (it->second.version != goal.version) {
    return Status::Error(ErrorCode::kConflict, "This goal changed meanwhile; read it again.")
        .WithReason("stale_goal");
  }
  Goal stored = goal;
  stored.relationship_id = it->second.relationship_id;
  stored.created_at = it->second.created_at;
  stored.version = goal.version + 1;
  AssignMilestoneIds(stored);
  it->second = stored;
  for (GoalEvent e : events) {
    e.goal_id = stored.id.value;
    events_.push_back(std::move(e));
  }
  return stored;
}

Result<std::vector<GoalEvent>> MemoryGoalRepository::ListEvents(domain::GoalId id) {
  std::lock_guard lock(mutex_);
  std::vector<GoalEvent> out;
  for (const GoalEvent& e : events_) {
    if (e.goal_id == id.value) out.push_back(e);
  }
  return out;
}

Result<std::vector<domain::GoalId>> MemoryGoalRepository::ImportGoals(
    const std::vector<Goal>& goals, const std::vector<GoalEvent>& events) {
  std::map<int64_t, std::size_t> position;
  for (std::size_t i = 0; i < goals.size(); ++i) {
    if (!position.emplace(goals[i].id.value, i).second) {
      return Status::InvalidArgument("two goals share an id", "goals");
    }
  }
  for (const GoalEvent& e : events) {
    if (!position.contains(e.goal_id)) {
      return Status::InvalidArgument("an event names none of the goals", "events");
    }
  }
  std::lock_guard lock(mutex_);
  std::vector<domain::GoalId> ids;
  for (const Goal& g : goals) {
    Goal stored = g;
    stored.id = domain::GoalId(next_goal_++);
    for (domain::Milestone& m : stored.milestones) m.id = domain::MilestoneId();
    ids.push_back(stored.id);
    goals_[stored.id.value] = std::move(stored);
  }
  for (const domain::GoalId id : ids) AssignMilestoneIds(goals_[id.value]);
  for (GoalEvent e : events) {
    e.goal_id = ids[position.at(e.goal_id)].value;
    events_.push_back(std::move(e));
  }
  return ids;
}

}  // namespace pairwise::storage
