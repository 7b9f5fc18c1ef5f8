// UTC offsets of IANA time zones ("Europe/Lisbon"), read from the system's compiled time zone
// database (/usr/share/zoneinfo, Debian's tzdata; TZDIR overrides the directory).
#pragma once

#include <optional>
#include <string_view>

#include "common/clock.h"

namespace pairwise {

// The zone's offset from UTC in minutes at `at` (daylight saving included), or nullopt when
// the name is malformed or the zone is unknown. Past the last transition the file lists
// (2037 in Debian's files) the last offset holds. Thread-safe; files are read once per
// process and name, then cached.
std::optional<int> UtcOffsetMinutes(std::string_view zone, TimePoint at);

}  // namespace pairwise
