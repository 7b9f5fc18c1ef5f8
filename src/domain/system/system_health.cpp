#include "domain/system/system_health.h"

namespace pairwise::domain {

Status SystemHealth::Check() {
  const int64_t now = clock_.Now().time_since_epoch().count();
  const int64_t answered = answered_at_us_.load(std::memory_order_relaxed);
  // A clock set back makes the age negative: not trusted, the database is asked again.
  if (answered != INT64_MIN && now >= answered &&
      now - answered < std::chrono::microseconds(max_age_).count()) {
    return Status::Ok();
  }
  Status status = database_.Ping();
  // Stamped with the time the ping began: the answer is at least that old.
  if (status.ok()) answered_at_us_.store(now, std::memory_order_relaxed);
  return status;
}

}  // namespace pairwise::domain
