// The demo program's relationship health as if the scheduler had been ticking for months: each
// active pair's score today, the day each flagged pair stopped being on track, the ladder nudges
// such a pair would have had since (recorded as sent, their mail long gone), and the program's
// label counts per day over the last 90 days, so that the health board, its chart and a pair's
// "what was sent to us" look like a program that has been running. Deterministic for the same
// relationships.
#pragma once

#include "common/clock.h"
#include "common/status.h"
#include "domain/health/health_repository.h"
#include "domain/programs/program_reader.h"

namespace pairwise::domain {

struct DemoHealthSummary {
  int scored = 0, flagged = 0, nudges = 0, days = 0;
};

inline constexpr int kDemoHealthHistoryDays = 90;

// Writes the above for `program` under its health settings (the defaults unless saved) and the
// default ladder. Does nothing (zero counts) when the program already has a label history.
Result<DemoHealthSummary> LoadDemoHealth(HealthRepository& health, ProgramReader& programs,
                                         ProgramId program, TimePoint now);

}  // namespace pairwise::domain
