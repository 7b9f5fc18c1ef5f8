#include "domain/meetings/meeting.h"

#include <array>
#include <utility>

namespace pairwise::domain {
namespace {

constexpr std::array<std::pair<MeetingStatus, std::string_view>, 5> kStatuses = {{
    {MeetingStatus::kProposed, "proposed"},
    {MeetingStatus::kScheduled, "scheduled"},
    {MeetingStatus::kCancelled, "cancelled"},
    {MeetingStatus::kHeld, "held"},
    {MeetingStatus::kMissed, "missed"},
}};
constexpr std::array<std::pair<MeetingMode, std::string_view>, 3> kModes = {{
    {MeetingMode::kVirtual, "virtual"},
    {MeetingMode::kInPerson, "in_person"},
    {MeetingMode::kPhone, "phone"},
}};

}  // namespace

std::string_view MeetingStatusName(MeetingStatus status) {
  for (const auto& [value, name] : kStatuses) {
    if (value == status) return name;
  }
  return "";
}

std::optional<MeetingStatus> ParseMeetingStatus(std::string_view name) {
  for (const auto& [value, text] : kStatuses) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view MeetingModeName(MeetingMode mode) {
  for (const auto& [value, name] : kModes) {
    if (value == mode) return name;
  }
  return "";
}

std::optional<MeetingMode> ParseMeetingMode(std::string_view name) {
  for (const auto& [value, text] : kModes) {
    if (text == name) return value;
  }
  return std::nullopt;
}

MeetingDetails DetailsOf(const Meeting& meeting) {
  return MeetingDetails{meeting.mode,     meeting.starts_at, meeting.ends_at,
                        meeting.location, meeting.video_url, meeting.agenda};
}

void SetDetails(Meeting& meeting, const MeetingDetails& details) {
  meeting.mode = details.mode;
  meeting.starts_at = details.starts_at;
  meeting.ends_at = details.ends_at;
  meeting.location = details.location;
  meeting.video_url = details.video_url;
  meeting.agenda = details.agenda;
}

}  // namespace pairwise::domain
