#include "matching/scoring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "matching/engine.h"
#include "matching/model.h"
#include "matching/row_scan.h"
#include "matching/synthetic.h"
#include "matching/test_util.h"

namespace pairwise::matching {
namespace {

using internal::PercentMagic;
using internal::PercentOf;
using testing::MakeMentee;
using testing::MakeMentor;
using testing::MustCreate;
using testing::OnlyCriterion;

// One mentee, one mentor, scored on `criterion` alone.
int Points(Criterion criterion, const Mentee& mentee, const Mentor& mentor,
           const Scoring* scoring = nullptr) {
  Instance in;
  in.mentees = {mentee};
  in.mentors = {mentor};
  in.scoring = scoring ? *scoring : OnlyCriterion(criterion);
  Engine engine = MustCreate(std::move(in));
  return engine.ScorePair(0, 0).Points(criterion);
}

TEST(PercentTest, MagicMultiplierIsExactForEveryNumeratorAndDenominator) {
  for (int32_t d = 1; d <= internal::kMaxPercentDenominator; ++d) {
    const int32_t magic = PercentMagic(d);
    for (int32_t n = 0; n <= d; ++n) {
      ASSERT_EQ((n * magic) >> 24, PercentOf(n, d)) << n << "/" << d;
    }
  }
  EXPECT_EQ(PercentOf(0, 0), 0);
}

TEST(PointsTest, SmallFunctions) {
  EXPECT_EQ(internal::RankPoints(1), 100);
  EXPECT_EQ(internal::RankPoints(2), 80);
  EXPECT_EQ(internal::RankPoints(5), 20);
  EXPECT_EQ(internal::RankPoints(6), 10);
  EXPECT_EQ(internal::RankPoints(30), 10);
  EXPECT_EQ(internal::LanguagePoints(0), 0);
  EXPECT_EQ(internal::LanguagePoints(1), 80);
  EXPECT_EQ(internal::LanguagePoints(3), 100);
  EXPECT_EQ(internal::LevelGapPoints(2, 2, 25), 100);
  EXPECT_EQ(internal::LevelGapPoints(3, 2, 25), 75);
  EXPECT_EQ(internal::LevelGapPoints(-3, 2, 25), 0);
  EXPECT_EQ(internal::CircularDistance(-720, 840), 120);  // UTC-12 and UTC+14: 2 hours
  EXPECT_EQ(internal::CircularDistance(0, 330), 330);
  EXPECT_EQ(internal::CircularDistance(-600, 600), 240);
}

TEST(CriterionTest, SkillsWeightedByLevelWanted) {
  Mentee e = MakeMentee("e");
  e.skills = {{"negotiation", 4}, {"pricing", 2}, {"sql", 2}};  // 8 levels wanted
  Mentor m = MakeMentor("m");
  m.skills = {{"negotiation", 2}, {"pricing", 5}, {"python", 5}};
  // negotiation: min(2, 4) = 2; pricing: min(5, 2) = 2; sql: 0 -> 4 of 8.
  EXPECT_EQ(Points(Criterion::kSkills, e, m), 50);
  m.skills = {{"negotiation", 5}, {"pricing", 5}, {"sql", 5}};
  EXPECT_EQ(Points(Criterion::kSkills, e, m), 100);
  e.skills.clear();
  EXPECT_EQ(Points(Criterion::kSkills, e, m), 0);
}

TEST(CriterionTest, LevelGapClosenessToTarget) {
  Mentee e = MakeMentee("e");
  Mentor m = MakeMentor("m");
  e.person.level = 3;
  m.person.level = 5;  // gap 2 = target
  EXPECT_EQ(Points(Criterion::kLevelGap, e, m), 100);
  m.person.level = 7;  // gap 4: 2 away
  EXPECT_EQ(Points(Criterion::kLevelGap, e, m), 50);
  Scoring s = OnlyCriterion(Criterion::kLevelGap);
  s.level_gap_step = 10;
  EXPECT_EQ(Points(Criterion::kLevelGap, e, m, &s), 80);
}

TEST(CriterionTest, DepartmentAndSiteAffinity) {
  Mentee e = MakeMentee("e");
  Mentor m = MakeMentor("m");
  EXPECT_EQ(Points(Criterion::kDepartment, e, m), 100);  // other department, rewarded
  Scoring same = OnlyCriterion(Criterion::kDepartment);
  same.department = Affinity::kSame;
  EXPECT_EQ(Points(Criterion::kDepartment, e, m, &same), 0);
  EXPECT_EQ(Points(Criterion::kSite, e, m), 100);  // same site, rewarded
  m.person.site = "Porto";
  EXPECT_EQ(Points(Criterion::kSite, e, m), 0);
  Scoring other = OnlyCriterion(Criterion::kSite);
  other.site = Affinity::kDifferent;
  EXPECT_EQ(Points(Criterion::kSite, e, m, &other), 100);
  // Unknown (empty) departments equal nobody's, not even each other's.
  e.person.department.clear();
  m.person.department.clear();
  EXPECT_EQ(Points(Criterion::kDepartment, e, m), 100);
}

TEST(CriterionTest, SharedLanguages) {
  Mentee e = MakeMentee("e");
  Mentor m = MakeMentor("m");
  e.person.languages = {"Portuguese"};
  m.person.languages = {"English"};
  EXPECT_EQ(Points(Criterion::kLanguages, e, m), 0);
  m.person.languages = {"English", "Portuguese"};
  EXPECT_EQ(Points(Criterion::kLanguages, e, m), 80);
  e.person.languages = {"English", "Portuguese", "Spanish"};
  EXPECT_EQ(Points(Criterion::kLanguages, e, m), 100);
}

TEST(CriterionTest, AvailabilityPerMentee) {
  Mentee e = MakeMentee("e");
  Mentor m = MakeMentor("m");
  e.person.availability_hours = 6;
  m.person.availability_hours = 12;
  m.capacity = 4;  // 3 hours per mentee
  EXPECT_EQ(Points(Criterion::kAvailability, e, m), 50);
  m.capacity = 2;  // 6 hours per mentee
  EXPECT_EQ(Points(Criterion::kAvailability, e, m), 100);
  e.person.availability_hours = 0;  // asks for nothing in particular
  EXPECT_EQ(Points(Criterion::kAvailability, e, m), 100);
}

TEST(CriterionTest, RankedChoiceAndMentorPreference) {
  Instance in;
  in.mentors = {MakeMentor("m1"), MakeMentor("m2"), MakeMentor("m3")};
  in.mentees = {MakeMentee("e")};
  in.mentees[0].ranked_mentors = {"m2", "m1"};
  in.mentors[2].preferred_mentees = {"e"};
  in.scoring = OnlyCriterion(Criterion::kRankedChoice, 2);
  in.scoring.weight[static_cast<int>(Criterion::kMentorPreference)] = 3;
  Engine engine = MustCreate(std::move(in));
  EXPECT_EQ(engine.ScorePair(0, 1).Points(Criterion::kRankedChoice), 100);
  EXPECT_EQ(engine.ScorePair(0, 0).Points(Criterion::kRankedChoice), 80);
  EXPECT_EQ(engine.ScorePair(0, 2).Points(Criterion::kRankedChoice), 0);
  EXPECT_EQ(engine.ScorePair(0, 2).Points(Criterion::kMentorPreference), 100);
  EXPECT_EQ(engine.PairScore(0, 1), 200);
  EXPECT_EQ(engine.PairScore(0, 0), 160);
  EXPECT_EQ(engine.PairScore(0, 2), 300);
}

TEST(CriterionTest, ScoreIsTheSumOfWeightedPoints) {
  Mentee e = MakeMentee("e");
  e.skills = {{"negotiation", 2}};
  Mentor m = MakeMentor("m");
  m.skills = {{"negotiation", 3}};
  Instance in;
  in.mentees = {e};
  in.mentors = {m};
  Engine engine = MustCreate(std::move(in));
  const Breakdown b = engine.ScorePair(0, 0);
  int64_t sum = 0;
  for (Criterion c : kAllCriteria) {
    EXPECT_EQ(b.Weighted(c), b.Points(c) * engine.instance().scoring.Weight(c));
    sum += b.Weighted(c);
  }
  EXPECT_EQ(engine.PairScore(0, 0), sum);
}

// ---- Hard rules ----

std::vector<HardRule> Broken(Instance in, int32_t e = 0, int32_t m = 0) {
  Engine engine = MustCreate(std::move(in));
  return engine.BrokenRules(e, m);
}

bool Breaks(const std::vector<HardRule>& broken, HardRule rule) {
  return std::find(broken.begin(), broken.end(), rule) != broken.end();
}

TEST(HardRuleTest, ManagementChainUpAndDownIsAlwaysExcluded) {
  Instance in;
  in.people = {{"ceo", ""}, {"vp", "ceo"}};
  in.mentors = {MakeMentor("boss"), MakeMentor("peer"), MakeMentor("report")};
  in.mentees = {MakeMentee("e")};
  in.mentors[0].person.manager = "vp";
  in.mentees[0].person.manager = "boss";  // boss is above e
  in.mentors[1].person.manager = "vp";    // peer is e's manager's peer: fine
  in.mentors[2].person.manager = "e";     // report is below e
  Engine engine = MustCreate(std::move(in));
  EXPECT_TRUE(Breaks(engine.BrokenRules(0, 0), HardRule::kManagementChain));
  EXPECT_TRUE(engine.BrokenRules(0, 1).empty());
  EXPECT_TRUE(Breaks(engine.BrokenRules(0, 2), HardRule::kManagementChain));
}

TEST(HardRuleTest, ManagementChainSeveralLevelsUp) {
  Instance in;
  in.people = {{"ceo", ""}, {"director", "m"}, {"lead", "director"}};
  in.mentors = {MakeMentor("m")};
  in.mentors[0].person.manager = "ceo";
  in.mentees = {MakeMentee("e")};
  in.mentees[0].person.manager = "lead";  // e -> lead -> director -> m
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kManagementChain));
  in.mentees[0].person.manager = "ceo";  // now e and m are peers
  EXPECT_FALSE(Breaks(Broken(in), HardRule::kManagementChain));
}

TEST(HardRuleTest, MinimumLevelGapAndReverse) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.mentors[0].person.level = 5;
  in.mentees[0].person.level = 3;
  in.rules.min_level_gap = 2;
  EXPECT_FALSE(Breaks(Broken(in), HardRule::kMinLevelGap));
  in.rules.min_level_gap = 3;
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kMinLevelGap));
  // Reverse mentoring: the junior mentors the senior.
  in.rules.reverse_mentoring = true;
  in.rules.min_level_gap = 1;
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kMinLevelGap));
  in.mentors[0].person.level = 2;
  EXPECT_FALSE(Breaks(Broken(in), HardRule::kMinLevelGap));
}

TEST(HardRuleTest, OtherDepartment) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.rules.other_department = true;
  EXPECT_TRUE(Broken(in).empty());
  in.mentees[0].person.department = "Engineering";
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kOtherDepartment));
}

TEST(HardRuleTest, SharedLanguage) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.rules.shared_language = true;
  EXPECT_TRUE(Broken(in).empty());
  in.mentees[0].person.languages = {"Japanese"};
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kSharedLanguage));
}

TEST(HardRuleTest, TimezoneOverlapIncludingAcrossTheDateLine) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.rules.min_timezone_overlap_hours = 3;  // workday 9-17: 8 hours, so at most 5 apart
  in.mentees[0].person.utc_offset_minutes = 300;
  EXPECT_TRUE(Broken(in).empty());
  in.mentees[0].person.utc_offset_minutes = 330;
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kTimezoneOverlap));
  in.mentors[0].person.utc_offset_minutes = -720;
  in.mentees[0].person.utc_offset_minutes = 780;  // 25 h apart: 1 hour on the clock
  EXPECT_TRUE(Broken(in).empty());
}

TEST(HardRuleTest, CredentialedOnly) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.mentors[0].credentialed = false;
  EXPECT_TRUE(Broken(in).empty());
  in.rules.credentialed_only = true;
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kCredentialedOnly));
}

TEST(HardRuleTest, NotPreviouslyPairedAndForbidden) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.previous_pairs = {{"e", "m"}};
  EXPECT_TRUE(Broken(in).empty());  // the rule is off
  in.rules.not_previously_paired = true;
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kNotPreviouslyPaired));
  in.rules.not_previously_paired = false;
  in.forbidden = {{"e", "m"}};
  EXPECT_TRUE(Breaks(Broken(in), HardRule::kForbidden));
}

// ---- The vectorized scan agrees with the scalar reference ----

void ExpectScansAgree(Instance instance) {
  Result<std::unique_ptr<internal::Model>> model = internal::BuildModel(instance, EngineOptions{});
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EngineOptions scalar_options;
  scalar_options.vectorized_scan = false;
  Result<std::unique_ptr<internal::Model>> scalar =
      internal::BuildModel(std::move(instance), scalar_options);
  ASSERT_TRUE(scalar.ok());
  internal::RowScratch fast(**model);
  internal::RowScratch slow(**scalar);
  for (int32_t e = 0; e < (*model)->mentee_count; ++e) {
    const int32_t fast_eligible = internal::ScoreRow(**model, e, fast);
    const int32_t slow_eligible = internal::ScoreRow(**scalar, e, slow);
    ASSERT_EQ(fast_eligible, slow_eligible) << "mentee " << e;
    for (int32_t m = 0; m < (*model)->mentor_stride; ++m) {
      ASSERT_EQ(fast.scores()[m], slow.scores()[m]) << "mentee " << e << " mentor " << m;
    }
  }
}

TEST(RowScanTest, VectorizedScanMatchesScalarReferenceOnSyntheticInstances) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SyntheticOptions o;
    o.mentees = 150;
    o.mentors = 97;  // not a multiple of the padding
    o.seed = seed;
    Instance in = MakeSyntheticInstance(o);
    in.rules.credentialed_only = seed % 2 == 0;
    in.rules.reverse_mentoring = seed == 3;
    in.scoring.department = seed % 2 ? Affinity::kSame : Affinity::kDifferent;
    // Some unknown attributes, some mentees wanting more skills than are summed in the loop.
    in.mentees[0].person.department.clear();
    in.mentors[0].person.site.clear();
    in.mentees[1].skills = {{"skill-0-0", 5}, {"skill-0-1", 4},         {"skill-0-2", 3},
                            {"skill-0-3", 2}, {"skill-0-4", 1},         {"skill-1-0", 3},
                            {"skill-1-1", 5}, {"nobody-offers-this", 2}};
    in.mentees[2].person.availability_hours = 0;
    ExpectScansAgree(std::move(in));
  }
}

TEST(RowScanTest, MoreThan64LanguagesFallsBackToTheExactScalarScan) {
  SyntheticOptions o;
  o.mentees = 40;
  o.mentors = 40;
  Instance in = MakeSyntheticInstance(o);
  for (int i = 0; i < 70; ++i) {
    in.mentees[i % 40].person.languages.push_back("language-" + std::to_string(i));
  }
  in.mentors[3].person.languages.push_back("language-69");
  Result<std::unique_ptr<internal::Model>> model = internal::BuildModel(in, EngineOptions{});
  ASSERT_TRUE(model.ok());
  EXPECT_FALSE((*model)->language_masks_exact);
  ExpectScansAgree(std::move(in));
}

}  // namespace
}  // namespace pairwise::matching
