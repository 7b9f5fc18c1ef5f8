// Work another aggregate does in the scheduler's tick (HealthService::Tick), inside the hour the
// tick claimed: surveys send theirs this way. A step must be idempotent (a tick may run again).
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace pairwise::domain {

class TickStep {
 public:
  virtual ~TickStep() = default;
  // Does the step's work as of `now`; returns what it did in words for the tick's summary
  // ("sent 3 surveys, 1 reminder").
  virtual Result<std::string> RunTickStep(TimePoint now) = 0;
};

}  // namespace pairwise::domain
