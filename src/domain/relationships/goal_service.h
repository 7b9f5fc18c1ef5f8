// SMART goals with their access rules: the mentee writes goals and milestones, the mentor
// confirms a goal achievable and its completion, both read everything and the history; the
// program's coordinators, shadow mentors and admins see counts and progress only, never the text;
// managers nothing. Writes need an active relationship; each carries the goal's version as read,
// and a stale one is refused (Conflict "stale_goal") instead of overwriting another tab's change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/people/people_service.h"
#include "domain/relationships/activity.h"
#include "domain/relationships/goal.h"
#include "domain/relationships/relationship_service.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

struct GoalView {
  Goal goal;
  std::vector<std::string> checks;  // GoalChecks
};

// What overseers see of one goal.
struct GoalSummary {
  int progress = 0;
  bool completed = false;
  int milestones = 0;
  int milestones_done = 0;
};

struct GoalsView {
  bool full = false;            // the pair: `goals` is set; others: only `summaries`
  std::vector<GoalView> goals;  // oldest first
  std::vector<GoalSummary> summaries;
  int average_progress = 0;
};

enum class GoalConfirmation { kAchievable, kCompleted };

// Thread-safe as far as its dependencies are.
class GoalService {
 public:
  // Told after each write that changes what the relationship's health reads; may be null.
  // Set once at start-up (before serving); must outlive the service.
  void SetActivityObserver(RelationshipActivityObserver* observer) { activity_ = observer; }
  // Where goal.completed goes (webhooks); null: nowhere. Must outlive the service.
  void SetEvents(WebhookEvents* events) { events_ = events; }

  GoalService(GoalRepository& goals, RelationshipService& relationships, PeopleService& people,
              const Clock& clock)
      : goals_(goals), relationships_(relationships), people_(people), clock_(clock) {}

  // Members: the goals with their checks; overseers: summaries. Forbidden for managers;
  // NotFound without a relation.
  Result<GoalsView> List(const Actor& actor, RelationshipId relationship);
  // The mentee adds a goal. InvalidArgument naming the field: "title" (empty or over 200),
  // "measure" / "target" / "relevance" (over kMaxGoalTextChars), "skill" (unknown),
  // "due_date" (outside the relationship: before it started or after its end date), "progress"
  // (not 0..100); "goals" past kMaxGoalsPerRelationship.
  Result<GoalView> Create(const Actor& actor, RelationshipId relationship,
                          const GoalFields& fields);
  // The mentee changes the goal's fields as of `version`. Errors as Create, and Conflict
  // "stale_goal"; NotFound for a goal of another relationship.
  Result<GoalView> Update(const Actor& actor, RelationshipId relationship, GoalId goal, int version,
                          const GoalFields& fields);
  // The mentee adds a milestone ("title" 1..200, "due_date" inside the relationship).
  Result<GoalView> AddMilestone(const Actor& actor, RelationshipId relationship, GoalId goal,
                                int version, const std::string& title, std::optional<Date> due);
  // The mentee ticks a milestone done or open again. NotFound for an unknown milestone.
  Result<GoalView> SetMilestoneDone(const Actor& actor, RelationshipId relationship, GoalId goal,
                                    int version, MilestoneId milestone, bool done);
  // The mentor confirms the goal achievable, or completed (or withdraws it with `confirmed`
  // false).
  Result<GoalView> Confirm(const Actor& actor, RelationshipId relationship, GoalId goal,
                           int version, GoalConfirmation what, bool confirmed);
  // The goal's history, oldest first: members only.
  Result<std::vector<GoalEvent>> History(const Actor& actor, RelationshipId relationship,
                                         GoalId goal);

 private:
  enum class Who { kMentee, kMentor };
  struct Loaded {
    RelationshipDetail relationship;
    Goal goal;
  };
  Result<RelationshipDetail> Writable(const Actor& actor, RelationshipId relationship, Who who);
  Result<Loaded> LoadGoal(const Actor& actor, RelationshipId relationship, GoalId goal, int version,
                          Who who);
  Status CheckFields(const GoalFields& fields, const RelationshipDetail& relationship);
  Status CheckDue(const std::optional<Date>& due, const RelationshipDetail& relationship,
                  const std::string& field);
  Result<GoalView> Save(const Actor& actor, const Goal& before, Goal after);

  GoalRepository& goals_;
  RelationshipService& relationships_;
  PeopleService& people_;
  const Clock& clock_;
  RelationshipActivityObserver* activity_ = nullptr;
  WebhookEvents* events_ = nullptr;
};

}  // namespace pairwise::domain
