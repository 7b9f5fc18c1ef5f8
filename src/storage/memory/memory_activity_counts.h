// An in-memory ActivityCountsReader for domain tests and the contract suite
// (src/storage/activity_counts_contract_test.cpp): counts what the given repositories hold,
// with the SQL reader's meaning (held meetings of the pair plus attended group meetings).
#pragma once

#include <vector>

#include "domain/meetings/group_meeting.h"
#include "domain/meetings/meeting.h"
#include "domain/relationships/activity_counts.h"
#include "domain/relationships/goal.h"

namespace pairwise::storage {

// Thread-safe as the repositories it reads. They must outlive it.
class MemoryActivityCountsReader final : public domain::ActivityCountsReader {
 public:
  MemoryActivityCountsReader(domain::RelationshipReader& relationships,
                             domain::MeetingRepository& meetings,
                             domain::GroupMeetingRepository& group_meetings,
                             domain::GoalRepository& goals)
      : relationships_(relationships),
        meetings_(meetings),
        group_meetings_(group_meetings),
        goals_(goals) {}

  Result<std::vector<domain::ActivityCounts>> LoadCounts(
      const std::vector<domain::RelationshipId>& relationships) override;

 private:
  domain::RelationshipReader& relationships_;
  domain::MeetingRepository& meetings_;
  domain::GroupMeetingRepository& group_meetings_;
  domain::GoalRepository& goals_;
};

}  // namespace pairwise::storage
