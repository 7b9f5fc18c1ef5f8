#include "domain/proposals/proposal.h"

#include <array>
#include <utility>

namespace pairwise::domain {
namespace {

constexpr std::array<std::pair<ProposalStatus, std::string_view>, 6> kStatusNames = {{
    {ProposalStatus::kQueued, "queued"},
    {ProposalStatus::kRunning, "running"},
    {ProposalStatus::kDone, "done"},
    {ProposalStatus::kFailed, "failed"},
    {ProposalStatus::kCancelled, "cancelled"},
    {ProposalStatus::kPublished, "published"},
}};

}  // namespace

std::string_view ProposalStatusName(ProposalStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "queued";
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view name) {
  for (const auto& [value, text] : kStatusNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view ProposalKindName(ProposalKind kind) {
  return kind == ProposalKind::kRematch ? "rematch" : "full";
}

std::optional<ProposalKind> ParseProposalKind(std::string_view name) {
  if (name == "full") return ProposalKind::kFull;
  if (name == "rematch") return ProposalKind::kRematch;
  return std::nullopt;
}

std::string_view ConstraintKindName(ConstraintKind kind) {
  return kind == ConstraintKind::kForbid ? "forbid" : "pin";
}

std::optional<ConstraintKind> ParseConstraintKind(std::string_view name) {
  if (name == "pin") return ConstraintKind::kPin;
  if (name == "forbid") return ConstraintKind::kForbid;
  return std::nullopt;
}

}  // namespace pairwise::domain
