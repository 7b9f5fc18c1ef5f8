// What a program's relationships table shows of each pair besides its status: meetings held and
// the last one, goals and how far they are. Counts only — the coordinator who reads them never
// sees a goal's text or a meeting's topics (issue 19, "Who sees what").
#pragma once

#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct ActivityCounts {
  RelationshipId relationship;
  // Meetings of the pair logged as held, plus the group meetings of a group program the mentee
  // attended (the same count the relationship's health reads).
  int meetings_held = 0;
  std::optional<TimePoint> last_meeting_at;  // the start of the last of those
  int goals = 0;
  int goals_completed = 0;
  int goal_progress = 0;  // the goals' average progress, 0..100; 0 without goals
  friend bool operator==(const ActivityCounts&, const ActivityCounts&) = default;
};

// Thread-safe. Errors: Unavailable / Internal from the store.
class ActivityCountsReader {
 public:
  virtual ~ActivityCountsReader() = default;
  // One entry per id, in the order given (ids that do not exist count zero). At most
  // kMaxRelationshipPageSize ids: one page of the table.
  virtual Result<std::vector<ActivityCounts>> LoadCounts(
      const std::vector<RelationshipId>& relationships) = 0;
};

}  // namespace pairwise::domain
