#include "common/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace pairwise {

std::string FormatIso8601(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(t));
}

}  // namespace pairwise
