#include "storage/memory/memory_activity_counts.h"

#include <algorithm>

namespace pairwise::storage {

using domain::ActivityCounts;
using domain::MeetingStatus;

Result<std::vector<ActivityCounts>> MemoryActivityCountsReader::LoadCounts(
    const std::vector<domain::RelationshipId>& relationships) {
  if (relationships.size() > static_cast<std::size_t>(domain::kMaxRelationshipPageSize)) {
    return Status::InvalidArgument("too many relationships to count at once", "limit");
  }
  std::vector<ActivityCounts> out;
  for (const domain::RelationshipId& id : relationships) {
    ActivityCounts c;
    c.relationship = id;
    auto relationship = relationships_.FindRelationship(id);
    if (!relationship.ok()) {
      if (relationship.status().code() != ErrorCode::kNotFound) return relationship.status();
      out.push_back(c);
      continue;
    }
    auto held = [&c](TimePoint at) {
      ++c.meetings_held;
      c.last_meeting_at = c.last_meeting_at ? std::max(*c.last_meeting_at, at) : at;
    };
    auto meetings = meetings_.ListForRelationship(id);
    if (!meetings.ok()) return meetings.status();
    for (const domain::Meeting& m : *meetings) {
      if (m.status == MeetingStatus::kHeld) held(m.starts_at);
    }
    auto group = group_meetings_.ListForGroup(relationship->program, relationship->mentor);
    if (!group.ok()) return group.status();
    for (const domain::GroupMeeting& m : *group) {
      if (m.status != MeetingStatus::kHeld) continue;
      for (const domain::GroupAttendee& a : m.attendees) {
        if (a.employee_id == relationship->mentee && a.attended.value_or(false)) {
          held(m.details.starts_at);
        }
      }
    }
    auto goals = goals_.ListGoals(id.value);
    if (!goals.ok()) return goals.status();
    int progress = 0;
    for (const domain::Goal& g : *goals) {
      ++c.goals;
      if (g.completed_at) ++c.goals_completed;
      progress += g.fields.progress;
    }
    c.goal_progress = c.goals > 0 ? progress / c.goals : 0;
    out.push_back(c);
  }
  return out;
}

}  // namespace pairwise::storage
