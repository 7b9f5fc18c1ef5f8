// SMART goals of a relationship: what (specific), how it is measured (a measure and a target),
// why it matters (relevant: in words, optionally a skill the mentee wants), a due date inside the
// relationship (time-bound) and the mentor's confirmation that it is achievable. Milestones with
// due dates; progress set by hand or computed from the milestones; every change kept as history
// (who, when, from -> to). The mentee owns the goals; the mentor confirms and completes with them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/people/person.h"

namespace pairwise::domain {

using GoalId = Id<struct GoalTag>;
using MilestoneId = Id<struct MilestoneTag>;

inline constexpr std::size_t kMaxGoalTextChars = 2000;  // each text field, in code points
inline constexpr int kMaxGoalsPerRelationship = 50;
inline constexpr int kMaxMilestonesPerGoal = 30;

enum class ProgressMode { kManual, kMilestones };
// "manual" | "milestones".
std::string_view ProgressModeName(ProgressMode mode);
std::optional<ProgressMode> ParseProgressMode(std::string_view name);

// What the mentee writes; every part may be empty in a draft (GoalChecks says what is missing).
struct GoalFields {
  std::string title;      // what, specifically; required (1..200 code points)
  std::string measure;    // how progress is measured
  std::string target;     // the value that means done
  std::string relevance;  // why it matters
  std::string skill;      // optional skill code it serves; empty: none
  std::optional<Date> due_date;
  ProgressMode progress_mode = ProgressMode::kMilestones;
  int progress = 0;  // 0..100; by hand in manual mode, computed in milestones mode
  friend bool operator==(const GoalFields&, const GoalFields&) = default;
};

struct Milestone {
  MilestoneId id;
  std::string title;
  std::optional<Date> due_date;
  std::optional<TimePoint> done_at;
};

struct Goal {
  GoalId id;
  int64_t relationship_id = 0;
  GoalFields fields;
  std::optional<TimePoint> achievable_confirmed_at;  // the mentor's confirmation
  std::optional<TimePoint> completed_at;             // the mentor confirmed completion
  std::vector<Milestone> milestones;                 // in the order added
  int version = 1;                                   // increases with every change
  TimePoint created_at{};
  TimePoint updated_at{};
};

// One change: `field` ("title", "progress", "milestone:Draft the plan", "achievable", ...) went
// from `from` to `to`.
struct GoalEvent {
  int64_t goal_id = 0;
  TimePoint at{};
  std::string by;  // employee id
  std::string field;
  std::string from;
  std::string to;
};

// The gentle checks: what a SMART goal still lacks, in words ("No measure yet."), never blocking.
std::vector<std::string> GoalChecks(const Goal& goal);
// Progress from the milestones: done / all, in percent (0 without milestones).
int MilestoneProgress(const std::vector<Milestone>& milestones);
// The history entries from `before` to `after` (each changed field), by `by` at `at`.
std::vector<GoalEvent> GoalDiff(const Goal& before, const Goal& after, const std::string& by,
                                TimePoint at);

// Thread-safe. Implementations: storage/goal_repository.cpp and the in-memory one.
class GoalRepository {
 public:
  virtual ~GoalRepository() = default;
  // The relationship's goals with their milestones, in the order created.
  virtual Result<std::vector<Goal>> ListGoals(int64_t relationship_id) = 0;
  // NotFound for an unknown goal.
  virtual Result<Goal> FindGoal(GoalId id) = 0;
  // Stores a new goal (id and milestone ids assigned, version 1) with `events`, in one
  // transaction.
  virtual Result<Goal> CreateGoal(const Goal& goal, const std::vector<GoalEvent>& events) = 0;
  // Replaces the goal (fields, confirmations, milestones: new ones without id get one) if its
  // stored version is still `goal.version`, storing version + 1 and `events`, in one transaction.
  // Conflict "stale_goal" when the version moved; NotFound for an unknown goal.
  virtual Result<Goal> UpdateGoal(const Goal& goal, const std::vector<GoalEvent>& events) = 0;
  // The goal's history, oldest first.
  virtual Result<std::vector<GoalEvent>> ListEvents(GoalId id) = 0;
};

}  // namespace pairwise::domain
