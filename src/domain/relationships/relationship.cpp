#include "domain/relationships/relationship.h"

namespace pairwise::domain {

std::string_view RelationshipStatusName(RelationshipStatus status) {
  switch (status) {
    case RelationshipStatus::kActive:
      return "active";
    case RelationshipStatus::kEnded:
      return "ended";
  }
  return "active";
}

std::optional<RelationshipStatus> ParseRelationshipStatus(std::string_view name) {
  if (name == "active") return RelationshipStatus::kActive;
  if (name == "ended") return RelationshipStatus::kEnded;
  return std::nullopt;
}

}  // namespace pairwise::domain
