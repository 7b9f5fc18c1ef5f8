// Loading many goals with their history at once (the demo's Leadership Circle writes its goals
// through GoalService over an in-memory store, then stores them here), beside the
// GoalRepository's one-at-a-time writes. Kept apart from goal.h, so that the repository every
// service sees stays as it is.
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/relationships/goal.h"

namespace pairwise::domain {

// Thread-safe. Implementations: storage/goal_import.h and the in-memory goal repository.
class GoalHistoryWriter {
 public:
  virtual ~GoalHistoryWriter() = default;
  // Stores `goals` as they stand (relationship, fields, version, confirmations, times, and their
  // milestones: titles, due dates, done times) and `events`, as the CreateGoal and UpdateGoal
  // calls that led to them stored them, in one transaction and in bulk. New ids are given in
  // order: the goals in the order given, then their milestones goal by goal in order, the events
  // in the order given. Each event's goal_id is the id one of `goals` has in `goals` (the
  // caller's own, e.g. an in-memory store's); it is stored with that goal's new id. Returns the
  // new goal ids in order. All or nothing: InvalidArgument when two goals share an id or an event
  // names none of them; errors as CreateGoal's otherwise (an unknown relationship among them).
  virtual Result<std::vector<GoalId>> ImportGoals(const std::vector<Goal>& goals,
                                                  const std::vector<GoalEvent>& events) = 0;
};

}  // namespace pairwise::domain
