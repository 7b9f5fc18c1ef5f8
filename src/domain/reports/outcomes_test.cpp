#include "domain/reports/outcomes.h"

#include <gtest/gtest.h>

#include <cmath>

#include "domain/demo/random.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

OutcomeOptions AsOf(Date date) {
  OutcomeOptions options;
  options.as_of = date;
  return options;
}

TEST(WilsonIntervalTest, MatchesPublishedValues) {
  // Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662.
  const Interval i = WilsonInterval(81, 263);
  EXPECT_NEAR(i.low, 0.2553, 5e-4);
  EXPECT_NEAR(i.high, 0.3662, 5e-4);
  const Interval zero = WilsonInterval(0, 10);
  EXPECT_DOUBLE_EQ(zero.low, 0.0);
  EXPECT_NEAR(zero.high, 0.2775, 5e-4);
}

TEST(NewcombeDifferenceTest, MatchesPublishedValues) {
  // Newcombe (1998), table II, method 10: 56/70 - 48/80 -> 0.0524 to 0.3339.
  const Interval i = NewcombeDifference(56, 70, 48, 80);
  EXPECT_NEAR(i.low, 0.0524, 5e-4);
  EXPECT_NEAR(i.high, 0.3339, 5e-4);
  // 9/10 - 3/10 -> 0.1705 to 0.8090.
  const Interval j = NewcombeDifference(9, 10, 3, 10);
  EXPECT_NEAR(j.low, 0.1705, 5e-4);
  EXPECT_NEAR(j.high, 0.8090, 5e-4);
}

TEST(TenureAndLevelTest, BandsAndLevelOnADate) {
  EXPECT_EQ(TenureBand(D(2024, 1, 1), D(2024, 6, 1)), 0);
  EXPECT_EQ(TenureBand(D(2022, 1, 1), D(2024, 6, 1)), 2);
  EXPECT_EQ(TenureBand(D(2010, 1, 1), D(2024, 6, 1)), 4);
  OutcomePerson p;
  p.level = 5;
  p.promotions = {D(2023, 3, 1), D(2025, 9, 1)};
  p.promotion_from = {3, 4};
  EXPECT_EQ(LevelOn(p, D(2022, 1, 1)), 3);
  EXPECT_EQ(LevelOn(p, D(2024, 1, 1)), 4);
  EXPECT_EQ(LevelOn(p, D(2026, 1, 1)), 5);
}

// A synthetic organization: `people` people in 6 departments at levels 2-5, hired over 12 years;
// 1 in 20 join the program on `start`. Over the following two years each person leaves within
// 12 months with probability 150 per mille (minus `retention_effect` for participants) and is
// promoted within 12 months with 100 per mille (plus `promotion_effect`), or in the second year
// with 80 per mille. Department, level and tenure change the base rates, so that an unmatched
// comparison would be biased.
struct World {
  std::vector<OutcomePerson> people;
  std::vector<OutcomeParticipation> participations;
};

World Simulate(uint64_t seed, int people, int retention_effect, int promotion_effect) {
  demo::Random random(seed);
  World w;
  const sys_days start(D(2023, 6, 1));
  for (int i = 0; i < people; ++i) {
    OutcomePerson p;
    p.employee_id = "E" + std::to_string(100000 + i);
    const int department = random.Between(0, 5);
    p.department = "D" + std::to_string(department);
    p.site = department % 2 ? "LON" : "NYC";
    p.level = random.Between(2, 5);
    p.hire_date = Date(start - days(random.Between(30, 12 * 365)));
    const bool joins = random.Chance(50);
    // Base rates differ by department and level: a naive comparison would be confounded.
    int leave = 150 + 10 * department - 10 * p.level;
    int promote = 100 + 8 * department - 5 * p.level;
    if (joins) {
      leave -= retention_effect;
      promote += promotion_effect;
      w.participations.push_back(
          {ProgramId(1), "M" + p.employee_id, p.employee_id, Date(start), Date(start + days(300))});
    }
    if (random.Chance(leave)) {
      p.left_date = Date(start + days(random.Between(1, 365)));
    } else if (random.Chance(promote)) {
      p.promotions.push_back(Date(start + days(random.Between(1, 365))));
    } else if (random.Chance(80)) {
      p.promotions.push_back(Date(start + days(random.Between(366, 730))));
    }
    for (std::size_t k = 0; k < p.promotions.size(); ++k) p.promotion_from.push_back(p.level);
    p.level += static_cast<int>(p.promotions.size());  // today's level
    w.people.push_back(std::move(p));
  }
  // Some people were in another program at the time: never a comparable colleague.
  for (int i = 0; i < people / 50; ++i) {
    const auto& p = w.people[static_cast<std::size_t>(random.Below(w.people.size()))];
    w.participations.push_back(
        {ProgramId(2), "X" + p.employee_id, p.employee_id, Date(start - days(30)), std::nullopt});
  }
  return w;
}

const OutcomeFigure& Figure(const OutcomeGroupReport& r, OutcomeKind kind) {
  return r.outcomes[static_cast<std::size_t>(kind)];
}

TEST(AnalyzeOutcomesTest, RecoversAPlantedEffectWithinItsInterval) {
  const World w = Simulate(7, 30000, /*retention_effect=*/80, /*promotion_effect=*/80);
  const ProgramOutcomes out =
      AnalyzeOutcomes(ProgramId(1), w.people, w.participations, AsOf(D(2026, 11, 1)));
  ASSERT_GT(out.mentees.matched, 1000);
  EXPECT_LT(out.mentees.unmatched, out.mentees.participants / 20);
  const OutcomeFigure& retention = Figure(out.mentees, OutcomeKind::kRetention12);
  ASSERT_TRUE(retention.enough_data);
  EXPECT_LE(retention.difference_ci.low, 0.08);
  EXPECT_GE(retention.difference_ci.high, 0.08);
  EXPECT_GT(retention.difference_ci.low, 0.0);  // the effect is seen
  const OutcomeFigure& promotion = Figure(out.mentees, OutcomeKind::kPromotion12);
  ASSERT_TRUE(promotion.enough_data);
  // Promotions are drawn among those who stayed: the planted 8 points shrink by the leave rate.
  EXPECT_GT(promotion.difference_ci.low, 0.0);
  EXPECT_LE(promotion.difference_ci.low, 0.08 * 0.85);
  EXPECT_GE(promotion.difference_ci.high, 0.08 * 0.85);
  // Mentors are not in the directory of this world: none analysed, nothing claimed.
  EXPECT_EQ(out.mentors.participants, 0);
  EXPECT_FALSE(Figure(out.mentors, OutcomeKind::kRetention12).enough_data);
}

TEST(AnalyzeOutcomesTest, FindsNoEffectWhenNoneWasPlanted) {
  // Over 20 organizations without an effect, a 95% interval should hold zero about 19 times in
  // 20 and the differences should average out near zero.
  int covered = 0, intervals = 0;
  double sum = 0;
  for (uint64_t seed = 11; seed < 31; ++seed) {
    const World w = Simulate(seed, 30000, 0, 0);
    const ProgramOutcomes out =
        AnalyzeOutcomes(ProgramId(1), w.people, w.participations, AsOf(D(2026, 11, 1)));
    for (OutcomeKind kind :
         {OutcomeKind::kRetention12, OutcomeKind::kPromotion12, OutcomeKind::kPromotion24}) {
      const OutcomeFigure& f = Figure(out.mentees, kind);
      ASSERT_TRUE(f.enough_data);
      ++intervals;
      if (f.difference_ci.low <= 0.0 && f.difference_ci.high >= 0.0) ++covered;
      sum += f.difference;
    }
  }
  EXPECT_GE(covered, intervals * 85 / 100);
  EXPECT_LT(std::abs(sum / intervals), 0.005);
}

TEST(AnalyzeOutcomesTest, ComparesLikeWithLike) {
  // One participant; colleagues differ in one respect each, and one matches: that one is taken,
  // whichever was hired nearer.
  std::vector<OutcomePerson> people;
  auto person = [&](std::string id, std::string dept, int level, Date hire) {
    OutcomePerson p;
    p.employee_id = std::move(id);
    p.department = std::move(dept);
    p.level = level;
    p.hire_date = hire;
    people.push_back(p);
    return people.size() - 1;
  };
  person("P", "ENG", 3, D(2020, 1, 10));
  person("other-dept", "OPS", 3, D(2020, 1, 10));
  person("other-level", "ENG", 4, D(2020, 1, 11));
  person("other-band", "ENG", 3, D(2023, 12, 1));  // under a year on the index date
  const auto busy = person("busy", "ENG", 3, D(2020, 1, 12));
  person("far", "ENG", 3, D(2021, 6, 1));
  person("near", "ENG", 3, D(2020, 2, 1));
  std::vector<OutcomeParticipation> rel = {
      {ProgramId(1), "M", "P", D(2024, 3, 1), std::nullopt},
      {ProgramId(2), "M2", people[busy].employee_id, D(2024, 1, 1), D(2024, 12, 1)}};
  const auto out = AnalyzeOutcomes(ProgramId(1), people, rel, AsOf(D(2026, 11, 1)));
  EXPECT_EQ(out.mentees.matched, 1);
  // The one pair: too few for a figure, and the counts say so.
  const OutcomeFigure& f = Figure(out.mentees, OutcomeKind::kRetention12);
  EXPECT_EQ(f.participants, 1);
  EXPECT_FALSE(f.enough_data);
  // With "near" gone, "far" is next; with it gone too, no one.
  people.erase(people.end() - 1);
  EXPECT_EQ(AnalyzeOutcomes(ProgramId(1), people, rel, AsOf(D(2026, 11, 1))).mentees.matched, 1);
  people.erase(people.end() - 1);
  const auto none = AnalyzeOutcomes(ProgramId(1), people, rel, AsOf(D(2026, 11, 1)));
  EXPECT_EQ(none.mentees.matched, 0);
  EXPECT_EQ(none.mentees.unmatched, 1);
}

TEST(AnalyzeOutcomesTest, CountsOnlyWindowsThatHaveEnded) {
  const World w = Simulate(3, 5000, 0, 0);
  const auto early =
      AnalyzeOutcomes(ProgramId(1), w.people, w.participations, AsOf(D(2024, 12, 1)));
  EXPECT_GT(Figure(early.mentees, OutcomeKind::kRetention12).participants, 0);
  EXPECT_EQ(Figure(early.mentees, OutcomeKind::kPromotion24).participants, 0);
}

}  // namespace
}  // namespace pairwise::domain
