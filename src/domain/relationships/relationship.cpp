#include "domain/relationships/relationship.h"

namespace pairwise::domain {

std::string_view RelationshipStatusName(RelationshipStatus status) {
  switch (status) {
    case RelationshipStatus::kPendingAgreement:
      return "pending_agreement";
    case RelationshipStatus::kActive:
      return "active";
    case RelationshipStatus::kCompleted:
      return "completed";
    case RelationshipStatus::kEndedEarly:
      return "ended_early";
  }
  return "active";
}

std::optional<RelationshipStatus> ParseRelationshipStatus(std::string_view name) {
  if (name == "pending_agreement") return RelationshipStatus::kPendingAgreement;
  if (name == "active") return RelationshipStatus::kActive;
  if (name == "completed") return RelationshipStatus::kCompleted;
  if (name == "ended_early") return RelationshipStatus::kEndedEarly;
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

std::string_view EndReasonName(EndReason reason) {
  switch (reason) {
    case EndReason::kNoTime:
      return "no_time";
    case EndReason::kMismatch:
      return "mismatch";
    case EndReason::kGoalsMet:
      return "goals_met";
    case EndReason::kLeftOrganization:
      return "left_organization";
    case EndReason::kOther:
      return "other";
    case EndReason::kRematch:
      return "rematch";
  }
  return "other";
}

std::optional<EndReason> ParseEndReason(std::string_view name) {
  for (EndReason r : {EndReason::kNoTime, EndReason::kMismatch, EndReason::kGoalsMet,
                      EndReason::kLeftOrganization, EndReason::kOther, EndReason::kRematch}) {
    if (EndReasonName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view EndReasonLabel(EndReason reason) {
  switch (reason) {
    case EndReason::kNoTime:
      return "No time";
    case EndReason::kMismatch:
      return "Not a good match";
    case EndReason::kGoalsMet:
      return "Goals met";
    case EndReason::kLeftOrganization:
      return "Left the organization";
    case EndReason::kOther:
      return "Another reason";
    case EndReason::kRematch:
      return "Rematched";
  }
  return "Another reason";
}

}  // namespace pairwise::domain
