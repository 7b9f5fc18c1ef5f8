// Loading past relationships in bulk (the demo's past programs: ten thousand relationships),
// beside the RelationshipRepository's one-at-a-time writes. Kept apart from relationship.h, so
// that the repository every service sees stays as it is.
#pragma once

#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/relationships/agreement.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// A past relationship's whole course: both sides accepted `agreement` and the relationship
// became active at `activated_at`; then it ended early (`ending`) or both sides marked it
// complete at `completed_at`.
struct RelationshipCourse {
  Agreement agreement;  // relationship_id and both acceptances set
  TimePoint activated_at{};
  std::optional<RelationshipEnding> ending;  // nullopt: completed
  TimePoint completed_at{};                  // when completed
};

// Thread-safe. Implementations: storage/relationship_courses.h and the in-memory relationship
// repository.
class RelationshipCourseWriter {
 public:
  virtual ~RelationshipCourseWriter() = default;
  // Stores each course as the RelationshipRepository's calls one by one would —
  // SaveAgreement(agreement, 0, activated_at), then End(id, *ending), or MarkComplete for the
  // mentor and the mentee at completed_at — in one transaction and in bulk. All or nothing:
  // InvalidArgument when an agreement lacks an acceptance; Conflict "not_pending" when a
  // relationship is unknown, not pending agreement, already has an agreement or comes twice.
  virtual Status ImportCourses(const std::vector<RelationshipCourse>& courses) = 0;
};

}  // namespace pairwise::domain
