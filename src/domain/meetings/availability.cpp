#include "domain/meetings/availability.h"

#include <algorithm>
#include <array>

namespace pairwise::domain {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

}  // namespace

std::string_view WeekdayName(int weekday) {
  return weekday >= 0 && weekday < 7 ? kWeekdays[static_cast<std::size_t>(weekday)] : "";
}

std::optional<int> ParseWeekday(std::string_view name) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

Status CheckAvailabilityWindows(std::vector<AvailabilityWindow>& windows) {
  if (windows.size() > kMaxAvailabilityWindows) {
    return Status::InvalidArgument(
        "at most " + std::to_string(kMaxAvailabilityWindows) + " windows a week", "windows");
  }
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const AvailabilityWindow& w = windows[i];
    const std::string at = "windows[" + std::to_string(i) + "].";
    if (w.weekday < 0 || w.weekday > 6) {
      return Status::InvalidArgument(at + "weekday must be a day of the week", at + "weekday");
    }
    if (w.start_minute < 0 || w.start_minute >= kMinutesPerDay ||
        w.start_minute % kAvailabilityStepMinutes != 0) {
      return Status::InvalidArgument(at + "start must be a time of day in 15-minute steps",
                                     at + "start");
    }
    if (w.end_minute <= 0 || w.end_minute > kMinutesPerDay ||
        w.end_minute % kAvailabilityStepMinutes != 0) {
      return Status::InvalidArgument(at + "end must be a time of day in 15-minute steps",
                                     at + "end");
    }
    if (w.start_minute >= w.end_minute) {
      return Status::InvalidArgument(at + "end must be after the start", at + "end");
    }
    // Windows given earlier in the list keep their place; the later one is at fault.
    for (std::size_t j = 0; j < i; ++j) {
      const AvailabilityWindow& o = windows[j];
      if (o.weekday == w.weekday && o.start_minute < w.end_minute &&
          w.start_minute < o.end_minute) {
        return Status::InvalidArgument(
            at + "start overlaps another window on " + std::string(WeekdayName(w.weekday)),
            at + "start");
      }
    }
  }
  std::sort(windows.begin(), windows.end());
  return Status::Ok();
}

}  // namespace pairwise::domain
