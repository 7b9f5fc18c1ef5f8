#include "common/time_zone.h"

#include <gtest/gtest.h>

namespace pairwise {
namespace {

TimePoint At(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d);
}

TEST(TimeZone, StandardAndDaylightOffsets) {
  EXPECT_EQ(UtcOffsetMinutes("Europe/London", At(2026, 1, 15)), 0);
  EXPECT_EQ(UtcOffsetMinutes("Europe/London", At(2026, 7, 15)), 60);
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", At(2026, 1, 15)), -300);
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", At(2026, 7, 15)), -240);
  EXPECT_EQ(UtcOffsetMinutes("Asia/Kolkata", At(2026, 7, 15)), 330);
  EXPECT_EQ(UtcOffsetMinutes("Australia/Sydney", At(2026, 1, 15)), 660);
  EXPECT_EQ(UtcOffsetMinutes("UTC", At(2026, 1, 15)), 0);
}

TEST(TimeZone, FarFutureKeepsTheLastOffset) {
  const auto offset = UtcOffsetMinutes("Europe/Paris", At(2090, 1, 15));
  ASSERT_TRUE(offset.has_value());
  EXPECT_TRUE(*offset == 60 || *offset == 120);
}

TEST(TimeZone, UnknownOrMalformedNamesHaveNoOffset) {
  EXPECT_EQ(UtcOffsetMinutes("Mars/Olympus_Mons", At(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(UtcOffsetMinutes("", At(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(UtcOffsetMinutes("../../etc/passwd", At(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(UtcOffsetMinutes("/etc/passwd", At(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(UtcOffsetMinutes("Europe/../Europe/Paris", At(2026, 1, 1)), std::nullopt);
  EXPECT_EQ(UtcOffsetMinutes("Europe", At(2026, 1, 1)), std::nullopt);  // a directory
}

}  // namespace
}  // namespace pairwise
