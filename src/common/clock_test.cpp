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
