// Weekly availability: the windows in which a person is free to meet for mentoring, per weekday,
// in the person's own IANA time zone (the directory's `time_zone`). A profile field of its own,
// stored beside the profile (availability_windows, migration 18) so that mutual free slots can
// be computed from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace pairwise::domain {

// Window boundaries are minutes after local midnight in steps of this many minutes.
inline constexpr int kAvailabilityStepMinutes = 15;
inline constexpr int kMinutesPerDay = 24 * 60;
// At most this many windows in a week.
inline constexpr std::size_t kMaxAvailabilityWindows = 70;

// Monday = 0 .. Sunday = 6 (ISO order).
// "monday" .. "sunday".
std::string_view WeekdayName(int weekday);
std::optional<int> ParseWeekday(std::string_view name);

struct AvailabilityWindow {
  int weekday = 0;       // 0 (Monday) .. 6 (Sunday)
  int start_minute = 0;  // 0 .. 1425, a multiple of kAvailabilityStepMinutes
  int end_minute = 0;    // start_minute < end_minute <= 1440, a multiple of the step
  friend bool operator==(const AvailabilityWindow&, const AvailabilityWindow&) = default;
  friend auto operator<=>(const AvailabilityWindow&, const AvailabilityWindow&) = default;
};

struct Availability {
  std::string employee_id;
  std::string time_zone;  // the directory's zone ("UTC" when the directory has none)
  std::vector<AvailabilityWindow> windows;  // ordered by weekday, then start
  std::optional<TimePoint> updated_at;      // nullopt when never saved
};

// Checks `windows` (in the order given, which names the field) and sorts them: InvalidArgument
// naming "windows[i].weekday", "windows[i].start" or "windows[i].end" for a weekday out of range,
// a boundary off the 15-minute grid or outside the day, start >= end, or a window overlapping
// an earlier one of the same day; "windows" for more than kMaxAvailabilityWindows.
Status CheckAvailabilityWindows(std::vector<AvailabilityWindow>& windows);

}  // namespace pairwise::domain
