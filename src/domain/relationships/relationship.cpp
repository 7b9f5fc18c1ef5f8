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

std::string_view RelationshipSourceName(RelationshipSource source) {
  switch (source) {
    case RelationshipSource::kMatching:
      return "matching";
    case RelationshipSource::kSelfMatch:
      return "self_match";
  }
  return "matching";
}

std::optional<RelationshipSource> ParseRelationshipSource(std::string_view name) {
  if (name == "matching") return RelationshipSource::kMatching;
  if (name == "self_match") return RelationshipSource::kSelfMatch;
  return std::nullopt;
}

}  // namespace pairwise::domain
