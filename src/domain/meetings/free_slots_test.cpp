// Availability windows and mutual free slots, across daylight saving changes (Debian's tzdata).
#include "domain/meetings/free_slots.h"

#include <gtest/gtest.h>

#include "domain/meetings/availability.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using namespace std::chrono_literals;

TimePoint Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return TimePoint(sys_days(std::chrono::year(y) / m / d) + hours(h) + minutes(min));
}
sys_seconds Wall(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_seconds(sys_days(std::chrono::year(y) / m / d) + hours(h) + minutes(min));
}

TEST(AvailabilityWindows, AreCheckedAndSorted) {
  std::vector<AvailabilityWindow> ok = {
      {2, 9 * 60, 12 * 60}, {0, 13 * 60, 17 * 60}, {0, 9 * 60, 13 * 60}};
  ASSERT_TRUE(CheckAvailabilityWindows(ok).ok());
  EXPECT_EQ(ok.front(), (AvailabilityWindow{0, 9 * 60, 13 * 60}));  // touching windows may meet
  EXPECT_EQ(ok.back(), (AvailabilityWindow{2, 9 * 60, 12 * 60}));

  struct Case {
    std::vector<AvailabilityWindow> windows;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{7, 60, 120}}, "windows[0].weekday"},
      {{{-1, 60, 120}}, "windows[0].weekday"},
      {{{0, 65, 120}}, "windows[0].start"},
      {{{0, -15, 120}}, "windows[0].start"},
      {{{0, 60, 1455}}, "windows[0].end"},
      {{{0, 60, 100}}, "windows[0].end"},
      {{{0, 120, 120}}, "windows[0].end"},
      {{{0, 180, 120}}, "windows[0].end"},
      {{{0, 60, 180}, {1, 60, 180}, {0, 165, 240}}, "windows[2].start"},
      {{{0, 60, 180}, {0, 0, 1440}}, "windows[1].start"},
  };
  for (Case c : cases) {
    Status s = CheckAvailabilityWindows(c.windows);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field);
  }
  std::vector<AvailabilityWindow> many(kMaxAvailabilityWindows + 1);
  EXPECT_EQ(CheckAvailabilityWindows(many).field(), "windows");
}

TEST(LocalToUtc, HandlesTheSkippedAndTheRepeatedHour) {
  // London, 29 March 2026: at 01:00 UTC the clocks go from 01:00 GMT to 02:00 BST.
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 3, 29, 0, 30)), Utc(2026, 3, 29, 0, 30));
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 3, 29, 1, 30)), Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 3, 29, 2, 0)), Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 3, 29, 10, 0)), Utc(2026, 3, 29, 9, 0));
  // 25 October 2026: 01:00-02:00 happens twice; the first one counts.
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 10, 25, 1, 30)), Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(LocalToUtc("Europe/London", Wall(2026, 10, 25, 2, 30)), Utc(2026, 10, 25, 2, 30));
  // Kathmandu is 5:45 ahead all year.
  EXPECT_EQ(LocalToUtc("Asia/Kathmandu", Wall(2026, 6, 1, 9, 0)), Utc(2026, 6, 1, 3, 15));
  EXPECT_EQ(UtcToLocal("America/New_York", Utc(2026, 7, 1, 13, 0)), Wall(2026, 7, 1, 9, 0));
  EXPECT_FALSE(LocalToUtc("Nowhere/Atlantis", Wall(2026, 3, 29, 10, 0)));
}

TEST(AvailabilitySpans, FollowTheLocalClockAcrossDaylightSaving) {
  // Mondays 09:00-10:00 in London: 09:00 UTC before 29 March, 08:00 UTC after.
  const std::vector<AvailabilityWindow> mondays = {{0, 9 * 60, 10 * 60}};
  const auto spans =
      AvailabilitySpans(mondays, "Europe/London", Utc(2026, 3, 20, 0), Utc(2026, 4, 7, 0));
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0], (TimeSpan{Utc(2026, 3, 23, 9), Utc(2026, 3, 23, 10)}));
  EXPECT_EQ(spans[1], (TimeSpan{Utc(2026, 3, 30, 8), Utc(2026, 3, 30, 9)}));
  EXPECT_EQ(spans[2], (TimeSpan{Utc(2026, 4, 6, 8), Utc(2026, 4, 6, 9)}));
  // Clipped to the range; a window across the skipped hour starts when the day resumes.
  const std::vector<AvailabilityWindow> sunday_night = {{6, 0, 4 * 60}};
  const auto clipped = AvailabilitySpans(sunday_night, "Europe/London", Utc(2026, 3, 29, 0, 30),
                                         Utc(2026, 3, 30, 0));
  ASSERT_EQ(clipped.size(), 1u);
  EXPECT_EQ(clipped[0], (TimeSpan{Utc(2026, 3, 29, 0, 30), Utc(2026, 3, 29, 3)}));
  EXPECT_TRUE(
      AvailabilitySpans(mondays, "Nowhere/Atlantis", Utc(2026, 3, 20, 0), Utc(2026, 4, 7, 0))
          .empty());
}

TEST(MutualFreeSlots, LondonAndNewYorkShareLessWhileOnlyAmericaHasSummerTime) {
  // London Mondays 14:00-17:00, New York Mondays 09:00-12:00: the same three hours, except
  // between 8 March (US clocks forward) and 29 March (UK clocks forward) when they share two.
  const std::vector<AvailabilityWindow> london = {{0, 14 * 60, 17 * 60}};
  const std::vector<AvailabilityWindow> new_york = {{0, 9 * 60, 12 * 60}};
  const TimePoint from = Utc(2026, 3, 1, 0), to = Utc(2026, 4, 1, 0);
  const auto a = AvailabilitySpans(london, "Europe/London", from, to);
  const auto b = AvailabilitySpans(new_york, "America/New_York", from, to);
  SlotQuery q;
  q.from = from;
  q.to = to;
  q.duration = minutes(60);
  q.step = minutes(60);
  q.limit = 100;
  const auto slots = MutualFreeSlots(a, b, {}, q);
  std::vector<TimeSpan> expected = {
      {Utc(2026, 3, 2, 14), Utc(2026, 3, 2, 15)},   {Utc(2026, 3, 2, 15), Utc(2026, 3, 2, 16)},
      {Utc(2026, 3, 2, 16), Utc(2026, 3, 2, 17)},   {Utc(2026, 3, 9, 14), Utc(2026, 3, 9, 15)},
      {Utc(2026, 3, 9, 15), Utc(2026, 3, 9, 16)},   {Utc(2026, 3, 16, 14), Utc(2026, 3, 16, 15)},
      {Utc(2026, 3, 16, 15), Utc(2026, 3, 16, 16)}, {Utc(2026, 3, 23, 14), Utc(2026, 3, 23, 15)},
      {Utc(2026, 3, 23, 15), Utc(2026, 3, 23, 16)}, {Utc(2026, 3, 30, 13), Utc(2026, 3, 30, 14)},
      {Utc(2026, 3, 30, 14), Utc(2026, 3, 30, 15)}, {Utc(2026, 3, 30, 15), Utc(2026, 3, 30, 16)},
  };
  EXPECT_EQ(slots, expected);
}

TEST(MutualFreeSlots, SkipBusyTimesStartOnTheGridAndStopAtTheLimit) {
  const std::vector<TimeSpan> a = {{Utc(2026, 5, 4, 9), Utc(2026, 5, 4, 13)}};
  const std::vector<TimeSpan> b = {{Utc(2026, 5, 4, 8), Utc(2026, 5, 4, 12)}};
  SlotQuery q;
  q.from = Utc(2026, 5, 4, 9, 5);  // now: slots start on the next quarter hour
  q.to = Utc(2026, 5, 5, 0);
  q.duration = minutes(60);
  q.step = minutes(30);
  q.limit = 10;
  // Busy 10:20-10:50 (another meeting).
  const auto slots = MutualFreeSlots(a, b, {{Utc(2026, 5, 4, 10, 20), Utc(2026, 5, 4, 10, 50)}}, q);
  const std::vector<TimeSpan> expected = {
      {Utc(2026, 5, 4, 10, 50) + minutes(10), Utc(2026, 5, 4, 12)},
  };
  // 09:15 would end 10:15 (free), then 10:50 -> 11:00 on the grid, 11:00-12:00.
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0], (TimeSpan{Utc(2026, 5, 4, 9, 15), Utc(2026, 5, 4, 10, 15)}));
  EXPECT_EQ(slots[1], expected[0]);
  q.limit = 1;
  EXPECT_EQ(MutualFreeSlots(a, b, {}, q).size(), 1u);
  EXPECT_TRUE(Covers(a, {Utc(2026, 5, 4, 9), Utc(2026, 5, 4, 13)}));
  EXPECT_FALSE(Covers(a, {Utc(2026, 5, 4, 12), Utc(2026, 5, 4, 13, 15)}));
  EXPECT_FALSE(Covers(a, {Utc(2026, 5, 4, 8), Utc(2026, 5, 4, 9)}));
}

TEST(CommonFreeSlots, AGroupMeetsOnlyWhenEveryoneIsFreeAndNobodyIsBusy) {
  // Mentor 09-13, two mentees 10-14 and 08-12 (UTC): everyone is free 10-12; one of them has
  // another meeting 10:00-10:30.
  const std::vector<std::vector<TimeSpan>> people = {
      {{Utc(2026, 5, 4, 9), Utc(2026, 5, 4, 13)}},
      {{Utc(2026, 5, 4, 10), Utc(2026, 5, 4, 14)}},
      {{Utc(2026, 5, 4, 8), Utc(2026, 5, 4, 12)}, {Utc(2026, 5, 5, 9), Utc(2026, 5, 5, 10)}},
  };
  SlotQuery q;
  q.from = Utc(2026, 5, 4, 0);
  q.to = Utc(2026, 5, 6, 0);
  q.duration = minutes(60);
  q.step = minutes(30);
  q.limit = 10;
  const auto slots = CommonFreeSlots(people, {{Utc(2026, 5, 4, 10), Utc(2026, 5, 4, 10, 30)}}, q);
  const std::vector<TimeSpan> expected = {
      {Utc(2026, 5, 4, 10, 30), Utc(2026, 5, 4, 11, 30)},
      {Utc(2026, 5, 4, 11), Utc(2026, 5, 4, 12)},
  };
  EXPECT_EQ(slots, expected);
  // Two of them alone also share the afternoon; nobody at all shares nothing.
  EXPECT_EQ(CommonFreeSlots({people[0], people[1]}, {}, q).size(), 5u);
  EXPECT_TRUE(CommonFreeSlots({}, {}, q).empty());
  EXPECT_TRUE(CommonFreeSlots({people[0], {}}, {}, q).empty());
}

}  // namespace
}  // namespace pairwise::domain
