#include "domain/system/system_health.h"

#include <gtest/gtest.h>

#include <atomic>

namespace pairwise::domain {
namespace {

using std::chrono::milliseconds;

// A database that answers or not as the test says, and counts the round trips asked of it.
class ScriptedProbe final : public DatabaseProbe {
 public:
  Status Ping() override {
    ++pings;
    return answers ? Status::Ok() : Status::Unavailable("connection refused");
  }
  std::string_view BackendName() const override { return "sqlite"; }
  std::atomic<int> pings{0};
  std::atomic<bool> answers{true};
};

class SystemHealthTest : public ::testing::Test {
 protected:
  ScriptedProbe probe;
  FakeClock clock{TimePoint(std::chrono::seconds(1'800'000'000))};
  SystemHealth health{probe, clock, milliseconds(1000)};
};

TEST_F(SystemHealthTest, OneRoundTripServesTheChecksWithinMaxAge) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(health.Check().ok());
    clock.Advance(milliseconds(19));  // 50 checks over 950 ms
  }
  EXPECT_EQ(probe.pings, 1);
  clock.Advance(milliseconds(50));  // 1000 ms after the ping: asked again
  EXPECT_TRUE(health.Check().ok());
  EXPECT_EQ(probe.pings, 2);
  EXPECT_EQ(health.BackendName(), "sqlite");
}

TEST_F(SystemHealthTest, ADeadDatabaseIsReportedWithinMaxAge) {
  ASSERT_TRUE(health.Check().ok());
  probe.answers = false;  // the database dies just after answering
  clock.Advance(milliseconds(999));
  EXPECT_TRUE(health.Check().ok());  // the answer of 999 ms ago still stands
  clock.Advance(milliseconds(1));
  Status dead = health.Check();
  EXPECT_EQ(dead.code(), ErrorCode::kUnavailable);
  // Failures are not remembered: every check asks until the database answers again.
  EXPECT_EQ(health.Check().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(probe.pings, 3);
  probe.answers = true;
  EXPECT_TRUE(health.Check().ok());
  EXPECT_TRUE(health.Check().ok());
  EXPECT_EQ(probe.pings, 4);
}

TEST_F(SystemHealthTest, AClockSetBackDoesNotExtendAnAnswer) {
  ASSERT_TRUE(health.Check().ok());
  clock.Advance(-std::chrono::hours(1));
  EXPECT_TRUE(health.Check().ok());
  EXPECT_EQ(probe.pings, 2);
}

TEST_F(SystemHealthTest, NoAnswerIsCachedBeforeTheFirstSuccess) {
  probe.answers = false;
  EXPECT_FALSE(health.Check().ok());
  EXPECT_FALSE(health.Check().ok());
  EXPECT_EQ(probe.pings, 2);
}

}  // namespace
}  // namespace pairwise::domain
