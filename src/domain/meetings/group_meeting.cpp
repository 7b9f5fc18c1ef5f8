#include "domain/meetings/group_meeting.h"

#include <array>
#include <utility>

namespace pairwise::domain {
namespace {

constexpr std::array<std::pair<GroupResponse, std::string_view>, 3> kResponses = {{
    {GroupResponse::kPending, "pending"},
    {GroupResponse::kAccepted, "accepted"},
    {GroupResponse::kDeclined, "declined"},
}};

}  // namespace

std::string_view GroupResponseName(GroupResponse response) {
  for (const auto& [value, name] : kResponses) {
    if (value == response) return name;
  }
  return "";
}

std::optional<GroupResponse> ParseGroupResponse(std::string_view name) {
  for (const auto& [value, text] : kResponses) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace pairwise::domain
