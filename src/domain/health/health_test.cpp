#include "domain/health/health.h"

#include <gtest/gtest.h>

#include "domain/health/nudge.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;

const TimePoint kStart = *ParseIso8601("2026-11-02T10:00:00Z");  // a Monday

HealthFacts Pair() {
  HealthFacts f;
  f.relationship = RelationshipId(7);
  f.program = ProgramId(1);
  f.mentor = "E1";
  f.mentee = "E2";
  f.started_at = kStart;
  f.cadence_days = 14;
  f.length_months = 6;
  return f;
}

const HealthReason* Reason(const Health& h, HealthComponent c) {
  for (const auto& r : h.reasons) {
    if (r.component == c) return &r;
  }
  return nullptr;
}

TEST(HealthFormula, MetOnCadenceIsOnTrackWithNoReasons) {
  HealthFacts f = Pair();
  f.meetings_held = 4;
  f.last_meeting_at = kStart + days(55);
  f.goals = 1;
  f.goal_progress = 40;
  const Health h = ComputeHealth(f, {}, kStart + days(60));
  EXPECT_EQ(h.score, 100);
  EXPECT_EQ(h.label, HealthLabel::kOnTrack);
  EXPECT_TRUE(h.reasons.empty());
  EXPECT_FALSE(h.components[static_cast<std::size_t>(HealthComponent::kFeedback)].has_value());
}

TEST(HealthFormula, RecencySaysHowLongAndWhatTheAgreementSays) {
  HealthFacts f = Pair();
  f.meetings_held = 3;
  f.last_meeting_at = kStart + days(19);
  const Health h = ComputeHealth(f, {}, kStart + days(60));
  const HealthReason* r = Reason(h, HealthComponent::kRecency);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->words, "no meeting for 41 days; the agreement says every 14");
  EXPECT_EQ(r->side, HealthSide::kBoth);
  // 41 days against 14..42: (42 - 41) / 28 of the points.
  EXPECT_EQ(h.components[static_cast<std::size_t>(HealthComponent::kRecency)], 4);
}

TEST(HealthFormula, UnansweredProposalsConcernTheSideThatMustAnswer) {
  HealthFacts f = Pair();
  f.meetings_held = 1;
  f.last_meeting_at = kStart + days(10);
  f.goals = 1;
  f.goal_progress = 50;
  f.waiting = {{HealthSide::kMentor, kStart + days(8)},
               {HealthSide::kMentor, kStart + days(12)},
               {HealthSide::kMentee, kStart + days(19)}};
  const Health h = ComputeHealth(f, {}, kStart + days(20));
  const HealthReason* r = Reason(h, HealthComponent::kResponsiveness);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->side, HealthSide::kMentor);
  EXPECT_EQ(r->words, "the mentor has not answered 2 meeting proposals (the oldest for 12 days)");
  EXPECT_EQ(h.components[static_cast<std::size_t>(HealthComponent::kResponsiveness)], 20);
  EXPECT_EQ(QuietSide(h), HealthSide::kMentor);
}

TEST(HealthFormula, NewPairsHaveAGracePeriod) {
  HealthFacts f = Pair();
  Health h = ComputeHealth(f, {}, kStart + days(13));
  EXPECT_TRUE(h.grace);
  EXPECT_EQ(h.label, HealthLabel::kOnTrack);
  h = ComputeHealth(f, {}, kStart + days(20));
  EXPECT_FALSE(h.grace);
  EXPECT_NE(h.label, HealthLabel::kOnTrack);
  ASSERT_NE(Reason(h, HealthComponent::kFirstMeeting), nullptr);
  EXPECT_EQ(Reason(h, HealthComponent::kFirstMeeting)->words,
            "no first meeting 20 days after the start; the program expects one within 14");
}

TEST(HealthFormula, LowFeedbackNamesTheSideNotTheRating) {
  HealthFacts f = Pair();
  f.meetings_held = 2;
  f.last_meeting_at = kStart + days(25);
  f.mentor_rating = 4.5;
  f.mentee_rating = 2.0;
  const Health h = ComputeHealth(f, {}, kStart + days(28));
  const HealthReason* r = Reason(h, HealthComponent::kFeedback);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->side, HealthSide::kMentee);
  EXPECT_EQ(r->words.find('2'), std::string::npos);
  EXPECT_EQ(h.components[static_cast<std::size_t>(HealthComponent::kFeedback)], 25);
}

TEST(HealthFormula, WeightsAndThresholdsComeFromTheSettings) {
  HealthFacts f = Pair();
  f.meetings_held = 0;
  HealthSettings only_goals;
  only_goals.weights = {0, 0, 100, 0, 0, 0};
  only_goals.grace_days = 0;
  f.goals = 1;
  f.goal_progress = 100;
  EXPECT_EQ(ComputeHealth(f, only_goals, kStart + days(60)).score, 100);
  EXPECT_EQ(LabelFor(70, {}), HealthLabel::kOnTrack);
  EXPECT_EQ(LabelFor(69, {}), HealthLabel::kNeedsAttention);
  EXPECT_EQ(LabelFor(39, {}), HealthLabel::kAtRisk);
}

TEST(HealthSettingsCheck, NamesTheFieldAtFault) {
  HealthSettings s;
  s.weights[2] = 101;
  EXPECT_EQ(CheckHealthSettings(s).field(), "weights.goals");
  s = {};
  s.weights = {0, 0, 0, 0, 0, 0};
  EXPECT_EQ(CheckHealthSettings(s).field(), "weights");
  s = {};
  s.at_risk_below = 80;
  EXPECT_EQ(CheckHealthSettings(s).field(), "at_risk_below");
  EXPECT_TRUE(CheckHealthSettings({}).ok());
}

TEST(RelationshipEndDay, AddsCalendarMonths) {
  EXPECT_EQ(RelationshipEnd(kStart, 3), *ParseIso8601("2027-02-02T10:00:00Z"));
  EXPECT_EQ(RelationshipEnd(*ParseIso8601("2027-01-31T08:00:00Z"), 1),
            *ParseIso8601("2027-02-28T08:00:00Z"));
}

TEST(NudgeLadder, DueStepsFollowTriggerAndDelay) {
  const auto ladder = DefaultNudgeLadder();
  ASSERT_TRUE(CheckNudgeLadder(ladder).ok());
  Health h;
  h.label = HealthLabel::kNeedsAttention;
  h.flagged_since = kStart;
  EXPECT_EQ(DueSteps(ladder, h, kStart + days(6)), (std::vector<std::size_t>{0}));
  EXPECT_EQ(DueSteps(ladder, h, kStart + days(7)), (std::vector<std::size_t>{0, 1}));
  h.label = HealthLabel::kAtRisk;
  EXPECT_EQ(DueSteps(ladder, h, kStart + days(21)), (std::vector<std::size_t>{0, 1, 2, 3}));
  h.grace = true;
  EXPECT_TRUE(DueSteps(ladder, h, kStart + days(21)).empty());
  EXPECT_EQ(NudgePeriod(kStart + hours(5)), "2026-11-02");
}

TEST(NudgeLadder, TemplatesFillTheirPlaceholders) {
  NudgeValues v{"Tom", "Maria", "Tom", "Grow", "no meeting for 41 days", 9};
  EXPECT_EQ(RenderNudge("Hi {recipient}: {why} ({days} days, {program}) {unknown}", v),
            "Hi Tom: no meeting for 41 days (9 days, Grow) {unknown}");
  auto ladder = DefaultNudgeLadder();
  ladder[1].subject = "two\nlines";
  EXPECT_EQ(CheckNudgeLadder(ladder).field(), "steps[1].subject");
}

TEST(NudgeDelivery, WorkingHoursAreTheRecipientsOwn) {
  const TimePoint monday_10_utc = kStart;
  EXPECT_TRUE(InWorkingHours("Europe/London", monday_10_utc));
  EXPECT_FALSE(InWorkingHours("Asia/Tokyo", monday_10_utc));               // 19:00
  EXPECT_FALSE(InWorkingHours("America/New_York", monday_10_utc));         // 05:00
  EXPECT_FALSE(InWorkingHours("Europe/London", monday_10_utc - days(1)));  // Sunday
}

}  // namespace
}  // namespace pairwise::domain
