// Time source. Services take a Clock& so that tests can move time (session expiry, tokens).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pairwise {

using TimePoint = std::chrono::sys_time<std::chrono::microseconds>;

// Thread-safe: implementations may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_us_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(std::chrono::microseconds(now_us_.load())); }
  void Advance(std::chrono::microseconds by) { now_us_ += by.count(); }

 private:
  std::atomic<int64_t> now_us_;
};

// "2026-11-22T10:04:05Z" (seconds precision, UTC).
std::string FormatIso8601(TimePoint t);

// Parses an RFC 3339 date-time: "2026-11-22T10:04:05Z", with optional fractional seconds
// (microseconds kept) and "Z" or a numeric offset ("+01:00", "-05:30"); a real calendar day
// and time. nullopt for anything else.
std::optional<TimePoint> ParseIso8601(std::string_view text);

}  // namespace pairwise
