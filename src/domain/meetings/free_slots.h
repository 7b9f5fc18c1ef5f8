// Mutual free slots: the times, over a horizon, that lie inside two (or more) people's weekly
// availability (each in their own time zone, daylight saving included) and overlap none of
// their other meetings. Pure functions over the system's time zone database
// (common/time_zone.h); no I/O beyond its cached zone files. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/meetings/availability.h"

namespace pairwise::domain {

// A half-open span of time [start, end).
struct TimeSpan {
  TimePoint start{};
  TimePoint end{};
  friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};

// The instant at which the wall-clock time `local` (a date and time read as if it were UTC) occurs
// in `zone`. In a repeated hour (autumn) the first occurrence; in a skipped hour (spring) the
// instant the clocks jump, so that a window starting in the gap starts when the day resumes.
// nullopt for an unknown zone.
std::optional<TimePoint> LocalToUtc(std::string_view zone, std::chrono::sys_seconds local);
// The wall-clock time in `zone` at `t`, read as if it were UTC; nullopt for an unknown zone.
std::optional<std::chrono::sys_seconds> UtcToLocal(std::string_view zone, TimePoint t);

// The person's availability windows as UTC spans that overlap [from, to), clipped to it,
// ordered and merged where they meet. Empty for an unknown zone.
std::vector<TimeSpan> AvailabilitySpans(const std::vector<AvailabilityWindow>& windows,
                                        std::string_view zone, TimePoint from, TimePoint to);

// Whether [span.start, span.end) lies inside one of `spans` (ordered, merged).
bool Covers(const std::vector<TimeSpan>& spans, const TimeSpan& span);

struct SlotQuery {
  TimePoint from{};  // no slot starts earlier
  TimePoint to{};    // no slot ends later
  std::chrono::minutes duration{60};
  std::chrono::minutes step{30};  // between the starts of slots offered inside one free span
  std::size_t limit = 20;         // at most this many slots, the earliest first
};

// The slots of `query.duration` inside every one of `available` (each ordered, merged
// availability spans; none when empty) and outside every span of `busy` (any order), starting
// on the 15-minute grid (UTC) at least `query.from`, `query.step` apart within a free span; the
// earliest `query.limit`. A group's free slots: one list of spans per person.
std::vector<TimeSpan> CommonFreeSlots(const std::vector<std::vector<TimeSpan>>& available,
                                      std::vector<TimeSpan> busy, const SlotQuery& query);

// CommonFreeSlots of two people: the slots of `query.duration` inside both `a` and `b` (ordered,
// merged availability spans) and outside every span of `busy` (any order), starting on the
// 15-minute grid (UTC) at least `query.from`, `query.step` apart within a free span; the earliest
// `query.limit`.
std::vector<TimeSpan> MutualFreeSlots(const std::vector<TimeSpan>& a,
                                      const std::vector<TimeSpan>& b, std::vector<TimeSpan> busy,
                                      const SlotQuery& query);

}  // namespace pairwise::domain
