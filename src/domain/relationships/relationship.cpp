#include "domain/relationships/relationship.h"

#include <cctype>
#include <functional>
#include <vector>

#include "common/language_names.h"

namespace pairwise::domain {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// "cpp, go and sql" with each code named by `name_of`.
std::string NamedList(std::string_view list,
                      const std::function<std::string(const std::string&)>& name_of) {
  std::string out;
  std::string rest(list);
  std::vector<std::string> items;
  const size_t last_and = rest.rfind(" and ");
  std::string tail;
  if (last_and != std::string::npos) {
    tail = rest.substr(last_and + 5);
    rest = rest.substr(0, last_and);
  }
  for (size_t start = 0;;) {
    const size_t comma = rest.find(", ", start);
    items.push_back(
        rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  if (!tail.empty()) items.push_back(tail);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += name_of(items[i]);
  }
  return out;
}

}  // namespace

std::string ExplanationForParticipant(
    std::string_view explanation, bool reader_is_mentor,
    const std::unordered_map<std::string, std::string>& skill_names) {
  std::vector<std::string> kept;
  for (size_t start = 0; start <= explanation.size();) {
    size_t end = explanation.find("; ", start);
    if (end == std::string_view::npos) end = explanation.size();
    std::string part(explanation.substr(start, end - start));
    start = end + 2;
    if (part.empty()) continue;
    // The coordinators' business, or what the pair does not share: not news for the pair.
    if (StartsWith(part, "pinned by") || StartsWith(part, "score ") ||
        StartsWith(part, "does not offer") || StartsWith(part, "offers none") ||
        StartsWith(part, "no language in common") || StartsWith(part, "other department") ||
        StartsWith(part, "other site") || StartsWith(part, "the mentee asks for no")) {
      continue;
    }
    if (const size_t below = part.find(" (below the level wanted"); below != std::string::npos) {
      part.erase(below);
    }
    if (StartsWith(part, "same department")) {
      part = "you work in the same department";
    } else if (StartsWith(part, "same site")) {
      part = "you work at the same site";
    } else if (part == "same level") {
      part = "you are at the same level";
    } else if (part.ends_with(" above") || part.ends_with(" below")) {
      // "2 levels above": the mentor's level against the mentee's.
      part = reader_is_mentor ? "you are " + part + " them" : "they are " + part + " you";
    } else if (StartsWith(part, "offers ") || StartsWith(part, "shares ")) {
      if (const size_t colon = part.find(": "); colon != std::string::npos) {
        part = part.substr(0, colon + 2) +
               NamedList(part.substr(colon + 2), [&](const std::string& code) {
                 auto name = skill_names.find(code);
                 return name == skill_names.end() ? code : name->second;
               });
      }
      part.replace(0, 6, reader_is_mentor ? "you offer" : "they offer");  // "offers"/"shares"
    } else if (StartsWith(part, "has ")) {
      part.replace(0, 3, reader_is_mentor ? "you have" : "they have");
    } else if (StartsWith(part, "ranked ")) {
      const std::string nth = part.substr(7, part.find(' ', 7) - 7);
      part = reader_is_mentor ? "your mentee ranked you " + nth : "you ranked them " + nth;
    } else if (StartsWith(part, "the mentor asked for")) {
      part = reader_is_mentor ? "you asked for them" : "they asked for you";
    } else if (StartsWith(part, "both speak ")) {
      part = "you both speak " + NamedList(part.substr(11), [](const std::string& code) {
               return std::string(LanguageName(code));
             });
    }
    ReplaceAll(part, "the mentee wants", reader_is_mentor ? "your mentee wants" : "you want");
    kept.push_back(std::move(part));
  }
  std::string out;
  for (const std::string& part : kept) {
    if (!out.empty()) out += "; ";
    out += part;
  }
  if (out.empty()) return out;
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

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
