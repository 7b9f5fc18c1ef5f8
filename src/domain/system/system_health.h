// The server's health as GET /api/v1/health reports it: whether its database answers.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/system/database_probe.h"

namespace pairwise::domain {

// Answers from a real database round trip (DatabaseProbe::Ping) made at most `max_age` before:
// a load balancer polling every server, or a benchmark, costs the database one "SELECT 1" per
// `max_age`, not one per request. A database that stops answering is reported within `max_age`
// (plus the failing round trip itself); failures are never cached, so it is reported healthy
// again on the first request after it answers. The state is one timestamp of this process,
// nothing per user.
//
// Thread-safe: Check may be called from any I/O thread at once (two threads may both ping when
// the answer has just expired). `database` and `clock` must outlive this.
class SystemHealth {
 public:
  static constexpr std::chrono::milliseconds kDefaultMaxAge{1000};

  SystemHealth(DatabaseProbe& database, const Clock& clock,
               std::chrono::milliseconds max_age = kDefaultMaxAge)
      : database_(database), clock_(clock), max_age_(max_age) {}

  // OK when the database answered within max_age; else pings it now: Unavailable when it does
  // not answer.
  Status Check();
  // "sqlite" or "postgresql".
  std::string_view BackendName() const { return database_.BackendName(); }
  std::chrono::milliseconds max_age() const { return max_age_; }

 private:
  DatabaseProbe& database_;
  const Clock& clock_;
  const std::chrono::milliseconds max_age_;
  // Clock time (µs since its epoch) at which the last successful ping began; INT64_MIN: none.
  std::atomic<int64_t> answered_at_us_{INT64_MIN};
};

}  // namespace pairwise::domain
