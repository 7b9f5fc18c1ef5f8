#include "common/clock.h"

#include <gtest/gtest.h>

namespace pairwise {
namespace {

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(TimePoint(std::chrono::seconds(1'700'000'000)));
  EXPECT_EQ(FormatIso8601(clock.Now()), "2023-11-14T22:13:20Z");
  clock.Advance(std::chrono::hours(1));
  EXPECT_EQ(FormatIso8601(clock.Now()), "2023-11-14T23:13:20Z");
}

}  // namespace
}  // namespace pairwise

namespace pairwise {
namespace {

TEST(ParseIso8601, ReadsUtcOffsetsAndFractions) {
  const TimePoint t =
      TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 9) + std::chrono::hours(15));
  EXPECT_EQ(ParseIso8601("2026-03-09T15:00:00Z"), t);
  EXPECT_EQ(ParseIso8601("2026-03-09T16:00:00+01:00"), t);
  EXPECT_EQ(ParseIso8601("2026-03-09T10:00:00-05:00"), t);
  EXPECT_EQ(ParseIso8601("2026-03-09T15:00:00.25Z"), t + std::chrono::milliseconds(250));
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2026-03-09T15:00:00Z")), "2026-03-09T15:00:00Z");
  for (const char* bad :
       {"", "2026-03-09", "2026-03-09T15:00:00", "2026-02-30T15:00:00Z", "2026-03-09T24:00:00Z",
        "2026-03-09T15:00:00+1:00", "2026-03-09T15:00:00Zx", "2026-03-09 15:00:00Z",
        "2026-03-09T15:00:00.Z", "x026-03-09T15:00:00Z"}) {
    EXPECT_FALSE(ParseIso8601(bad)) << bad;
  }
}

}  // namespace
}  // namespace pairwise
