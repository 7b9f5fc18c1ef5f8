#include "matching/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "matching/synthetic.h"
#include "matching/test_util.h"

namespace pairwise::matching {
namespace {

using testing::MakeMentee;
using testing::MakeMentor;
using testing::MustCreate;
using testing::MustSolve;
using testing::OnlyCriterion;

// mentee id -> mentor id
std::map<std::string, std::string> PairsById(const Engine& engine, const MatchResult& r) {
  std::map<std::string, std::string> pairs;
  for (const MatchedPair& p : r.pairs) {
    pairs[engine.instance().mentees[p.mentee].person.id] =
        engine.instance().mentors[p.mentor].person.id;
  }
  return pairs;
}

// An instance given as a list of allowed pairs with scores; capacities 1 unless given.
Instance Explicit(int mentees, int mentors, std::vector<ScoredPair> pairs,
                  std::vector<int> capacity = {}) {
  Instance in;
  for (int i = 0; i < mentees; ++i) in.mentees.push_back(MakeMentee("e" + std::to_string(i)));
  for (int i = 0; i < mentors; ++i) {
    in.mentors.push_back(MakeMentor("m" + std::to_string(i)));
    if (!capacity.empty()) in.mentors.back().capacity = capacity[i];
  }
  in.pairs = std::move(pairs);
  return in;
}

TEST(EngineTest, MaximizesTheTotalNotTheBestPair) {
  // Greedy takes e0-m0 (10) and leaves e1 with m1 (1): 11. The best total is 9 + 8 = 17.
  Engine engine = MustCreate(
      Explicit(2, 2, {{"e0", "m0", 10}, {"e0", "m1", 9}, {"e1", "m0", 8}, {"e1", "m1", 1}}));
  MatchResult r = MustSolve(engine);
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.total_score, 17);
  EXPECT_EQ(r.matched, 2);
  EXPECT_EQ(r.greedy_total_score, 11);
  EXPECT_EQ(PairsById(engine, r), (std::map<std::string, std::string>{{"e0", "m1"}, {"e1", "m0"}}));
  for (const MatchedPair& p : r.pairs) EXPECT_TRUE(p.breakdown.explicit_score);
}

TEST(EngineTest, PinsAreKeptAndForbiddenPairsNeverFormed) {
  Instance in =
      Explicit(2, 2, {{"e0", "m0", 10}, {"e0", "m1", 9}, {"e1", "m0", 8}, {"e1", "m1", 1}});
  in.pinned = {{"e1", "m1"}};
  in.forbidden = {{"e0", "m1"}};
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(PairsById(engine, r), (std::map<std::string, std::string>{{"e0", "m0"}, {"e1", "m1"}}));
  ASSERT_EQ(r.pairs.size(), 2u);
  EXPECT_FALSE(r.pairs[0].pinned);
  EXPECT_TRUE(r.pairs[1].pinned);
  EXPECT_EQ(r.total_score, 11);
}

TEST(EngineTest, CoverageMatchesAsManyAsPossibleFirst) {
  // Total: e0-m0 alone (10) beats e1-m0 + e0-m1 (6 + 1). Coverage takes the two pairs.
  Instance in = Explicit(2, 2, {{"e0", "m0", 10}, {"e1", "m0", 6}, {"e0", "m1", 1}});
  Engine total = MustCreate(in);
  MatchResult t = MustSolve(total);
  EXPECT_EQ(t.total_score, 10);
  EXPECT_EQ(t.matched, 1);
  in.objective = Objective::kCoverage;
  Engine coverage = MustCreate(std::move(in));
  MatchResult c = MustSolve(coverage);
  EXPECT_TRUE(c.optimal);
  EXPECT_EQ(c.matched, 2);
  EXPECT_EQ(c.total_score, 7);
}

TEST(EngineTest, FairnessRaisesTheLowestPairScoreFirst) {
  // Total: e0-m0 + e1-m1 = 10 + 1. Fairness: e0-m1 + e1-m0 = 5 + 5.
  Instance in =
      Explicit(2, 2, {{"e0", "m0", 10}, {"e0", "m1", 5}, {"e1", "m0", 5}, {"e1", "m1", 1}});
  MatchResult t = MustSolve(MustCreate(in));
  EXPECT_EQ(t.total_score, 11);
  EXPECT_EQ(t.min_pair_score, 1);
  in.objective = Objective::kFairness;
  MatchResult f = MustSolve(MustCreate(std::move(in)));
  EXPECT_TRUE(f.optimal);
  EXPECT_EQ(f.matched, 2);
  EXPECT_EQ(f.min_pair_score, 5);
  EXPECT_EQ(f.total_score, 10);
}

TEST(EngineTest, GroupsStayWithinMinimumAndMaximumSize) {
  // Everyone prefers m0 slightly; with groups of 2..3 the best is 2 + 2, not 3 + 1.
  std::vector<ScoredPair> pairs;
  for (int i = 0; i < 4; ++i) {
    pairs.push_back({"e" + std::to_string(i), "m0", 10});
    pairs.push_back({"e" + std::to_string(i), "m1", 9});
  }
  Instance in = Explicit(4, 2, pairs, {5, 5});
  in.rules.groups = GroupRule{2, 3};
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  std::map<int32_t, int> size;
  for (const MatchedPair& p : r.pairs) ++size[p.mentor];
  for (const auto& [mentor, n] : size) {
    EXPECT_GE(n, 2);
    EXPECT_LE(n, 3);
  }
  EXPECT_EQ(r.total_score, 38);
  ASSERT_TRUE(r.upper_bound.has_value());
  EXPECT_EQ(*r.upper_bound, 39);  // 3 + 1 without the minimum
  EXPECT_FALSE(r.optimal);        // below the bound: not proven
}

TEST(EngineTest, GroupsCloseAMentorWhoseGroupCannotReachTheMinimum) {
  // m1 is eligible for e3 alone: its group can never reach 2, so e3 stays unmatched.
  Instance in =
      Explicit(4, 2, {{"e0", "m0", 5}, {"e1", "m0", 5}, {"e2", "m0", 5}, {"e3", "m1", 50}}, {3, 3});
  in.rules.groups = GroupRule{2, 3};
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  EXPECT_EQ(r.matched, 3);
  EXPECT_EQ(r.total_score, 15);
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0].reason, UnmatchedReason::kEligibleMentorsFull);
  EXPECT_EQ(engine.ExplainUnmatched(r.unmatched[0]),
            "the only eligible mentor is full or leads no group");
}

TEST(EngineTest, ExplainsEachPairInWords) {
  Instance in;
  in.mentors = {MakeMentor("ana")};
  in.mentees = {MakeMentee("rui")};
  Mentor& m = in.mentors[0];
  Mentee& e = in.mentees[0];
  m.person.level = 5;
  e.person.level = 3;
  m.person.languages = {"Portuguese", "English"};
  e.person.languages = {"Portuguese"};
  m.skills = {{"negotiation", 4}, {"pricing", 1}, {"sql", 3}};
  e.skills = {{"negotiation", 3}, {"pricing", 3}, {"forecasting", 2}};
  e.ranked_mentors = {"ana"};
  m.person.availability_hours = 8;
  e.person.availability_hours = 4;
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(engine.ExplainPair(r.pairs[0]),
            "shares 2 of the 3 skills the mentee wants: negotiation and pricing (below the level "
            "wanted in pricing); 2 levels above; other department; same site (Lisbon); both "
            "speak Portuguese; has the 4 hours a month the mentee wants; ranked 1st by the "
            "mentee");
}

TEST(EngineTest, ExplainsSkillsWhenTheMentorOffersEveryOneWanted) {
  for (const bool three : {false, true}) {
    Instance in;
    in.mentors = {MakeMentor("m")};
    in.mentees = {MakeMentee("e")};
    in.scoring = OnlyCriterion(Criterion::kSkills);
    in.mentors[0].skills = {{"negotiation", 4}, {"pricing", 4}, {"sql", 4}};
    in.mentees[0].skills = {{"negotiation", 3}, {"pricing", 3}};
    if (three) in.mentees[0].skills.push_back({"sql", 2});
    Engine engine = MustCreate(std::move(in));
    MatchResult r = MustSolve(engine);
    ASSERT_EQ(r.pairs.size(), 1u);
    EXPECT_EQ(engine.ExplainPair(r.pairs[0]),
              three ? "offers all 3 skills the mentee wants: negotiation, pricing and sql"
                    : "offers both skills the mentee wants: negotiation and pricing");
  }
}

TEST(EngineTest, ExplanationsMentionOnlyWeightedCriteriaAndPins) {
  Instance in;
  in.mentors = {MakeMentor("m")};
  in.mentees = {MakeMentee("e")};
  in.scoring = OnlyCriterion(Criterion::kLevelGap);
  in.pinned = {{"e", "m"}};
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(engine.ExplainPair(r.pairs[0]), "pinned by the coordinator; 3 levels above");
}

TEST(EngineTest, UnmatchedMenteesGetTheReason) {
  Instance in;
  in.mentors = {MakeMentor("m0"), MakeMentor("m1")};
  in.mentees = {MakeMentee("same-dept"), MakeMentee("first"), MakeMentee("second")};
  in.rules.other_department = true;
  in.mentees[0].person.department = "Engineering";  // both mentors are in Engineering
  in.mentors[1].person.languages = {"Japanese"};
  in.rules.shared_language = true;  // only m0 is eligible for the others
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  EXPECT_TRUE(r.optimal);
  ASSERT_EQ(r.unmatched.size(), 2u);
  const UnmatchedMentee& none = r.unmatched[0];
  EXPECT_EQ(none.mentee, 0);
  EXPECT_EQ(none.reason, UnmatchedReason::kNoEligibleMentor);
  ASSERT_TRUE(none.rule.has_value());
  EXPECT_EQ(*none.rule, HardRule::kOtherDepartment);
  EXPECT_EQ(none.excluded_by_rule, 2);
  EXPECT_EQ(engine.ExplainUnmatched(none),
            "no eligible mentor under the rules; \"other department\" excluded the most (2 of 2 "
            "mentors)");
  const UnmatchedMentee& full = r.unmatched[1];
  EXPECT_EQ(full.reason, UnmatchedReason::kEligibleMentorsFull);
  EXPECT_EQ(full.eligible_mentors, 1);
  EXPECT_EQ(engine.ExplainUnmatched(full), "the only eligible mentor is full");
}

TEST(EngineTest, NoMentorsAndNoMentees) {
  Instance in;
  in.mentees = {MakeMentee("e")};
  Engine engine = MustCreate(std::move(in));
  MatchResult r = MustSolve(engine);
  EXPECT_TRUE(r.optimal);
  EXPECT_EQ(r.matched, 0);
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(engine.ExplainUnmatched(r.unmatched[0]),
            "no eligible mentor: the program has no mentors");
  Engine empty = MustCreate(Instance{});
  MatchResult e = MustSolve(empty);
  EXPECT_TRUE(e.optimal);
  EXPECT_EQ(e.total_score, 0);
}

TEST(EngineTest, RematchFreesOneMenteeAndKeepsEveryOtherPair) {
  SyntheticOptions o;
  o.mentees = 300;
  o.mentors = 60;
  Engine engine = MustCreate(MakeSyntheticInstance(o));
  MatchResult before = MustSolve(engine);
  ASSERT_GT(before.matched, 10);
  const MatchedPair freed = before.pairs[before.pairs.size() / 2];
  const std::string freed_id = engine.instance().mentees[freed.mentee].person.id;
  Result<MatchResult> after = engine.Rematch(before, {freed_id});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->optimal);
  // Every other pair is exactly as it was.
  std::map<int32_t, int32_t> old_pairs, new_pairs;
  for (const MatchedPair& p : before.pairs) old_pairs[p.mentee] = p.mentor;
  for (const MatchedPair& p : after->pairs) new_pairs[p.mentee] = p.mentor;
  for (const auto& [mentee, mentor] : old_pairs) {
    if (mentee == freed.mentee) continue;
    ASSERT_TRUE(new_pairs.count(mentee));
    EXPECT_EQ(new_pairs[mentee], mentor);
  }
  // The freed mentee got the best mentor with room left, never the old one.
  std::vector<int32_t> taken(engine.instance().mentors.size(), 0);
  for (const auto& [mentee, mentor] : old_pairs) {
    if (mentee != freed.mentee) ++taken[mentor];
  }
  int64_t best = -1;
  for (size_t m = 0; m < engine.instance().mentors.size(); ++m) {
    if (static_cast<int32_t>(m) == freed.mentor) continue;
    if (taken[m] >= engine.instance().mentors[m].capacity) continue;
    if (!engine.BrokenRules(freed.mentee, static_cast<int32_t>(m)).empty()) continue;
    best = std::max(best, engine.PairScore(freed.mentee, static_cast<int32_t>(m)));
  }
  if (best < 0) {
    EXPECT_EQ(new_pairs.count(freed.mentee), 0u);
  } else {
    ASSERT_TRUE(new_pairs.count(freed.mentee));
    EXPECT_NE(new_pairs[freed.mentee], freed.mentor);
    EXPECT_EQ(engine.PairScore(freed.mentee, new_pairs[freed.mentee]), best);
  }
  // Unmatched people who were not freed are reported as such.
  for (const UnmatchedMentee& u : after->unmatched) {
    if (u.mentee != freed.mentee) {
      EXPECT_EQ(u.reason, UnmatchedReason::kNotRematched);
    }
  }
}

TEST(EngineTest, RematchFreesAMentorAndItsMentees) {
  SyntheticOptions o;
  o.mentees = 200;
  o.mentors = 50;
  o.capacity_min = 2;
  o.capacity_max = 3;
  Engine engine = MustCreate(MakeSyntheticInstance(o));
  MatchResult before = MustSolve(engine);
  std::map<int32_t, std::vector<int32_t>> by_mentor;
  for (const MatchedPair& p : before.pairs) by_mentor[p.mentor].push_back(p.mentee);
  int32_t mentor = -1;
  for (const auto& [m, list] : by_mentor) {
    if (list.size() >= 2) mentor = m;
  }
  ASSERT_GE(mentor, 0);
  Result<MatchResult> after = engine.Rematch(before, {engine.instance().mentors[mentor].person.id});
  ASSERT_TRUE(after.ok());
  std::set<int32_t> moved(by_mentor[mentor].begin(), by_mentor[mentor].end());
  std::map<int32_t, int32_t> new_pairs;
  for (const MatchedPair& p : after->pairs) new_pairs[p.mentee] = p.mentor;
  for (const MatchedPair& p : before.pairs) {
    if (moved.count(p.mentee)) {
      if (new_pairs.count(p.mentee)) {
        EXPECT_NE(new_pairs[p.mentee], mentor);  // not re-formed
      }
    } else {
      EXPECT_EQ(new_pairs[p.mentee], p.mentor);
    }
  }
}

TEST(EngineTest, RematchRejectsUnknownPeopleAndBadCurrentAnswers) {
  Engine engine = MustCreate(Explicit(2, 2, {{"e0", "m0", 1}, {"e1", "m1", 1}}));
  MatchResult r = MustSolve(engine);
  Result<MatchResult> unknown = engine.Rematch(r, {"e0", "zz"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "freed[1]");
  MatchResult twice = r;
  twice.pairs.push_back(twice.pairs[0]);
  Result<MatchResult> bad = engine.Rematch(twice, {"e0"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "current.pairs[2]");
}

TEST(EngineTest, SameAnswerWhateverTheThreadsOrCandidatesPerMentee) {
  SyntheticOptions o;
  o.mentees = 400;
  o.mentors = 90;
  const Instance in = MakeSyntheticInstance(o);
  EngineOptions base;
  base.threads = 1;
  MatchResult reference = MustSolve(MustCreate(in, base));
  EXPECT_TRUE(reference.optimal);
  for (int threads : {1, 2, 3}) {
    for (int k : {1, 3, 0, 200}) {
      EngineOptions options;
      options.threads = threads;
      options.candidates_per_mentee = k;
      MatchResult r = MustSolve(MustCreate(in, options));
      EXPECT_TRUE(r.optimal) << threads << " threads, K " << k;
      EXPECT_EQ(r.total_score, reference.total_score) << threads << " threads, K " << k;
      EXPECT_EQ(r.matched, reference.matched);
      EXPECT_EQ(r.greedy_total_score, reference.greedy_total_score);
      // Re-solves repair the previous answer, and every repair passes the certificate check.
      EXPECT_EQ(r.stats.repairs, r.stats.repairs_tried) << threads << " threads, K " << k;
      if (k == 1) {
        EXPECT_GT(r.stats.repairs, 0);
      }
    }
  }
}

TEST(EngineTest, ScalarAndVectorizedScansGiveTheSameAnswer) {
  SyntheticOptions o;
  o.mentees = 300;
  o.mentors = 70;
  o.seed = 9;
  const Instance in = MakeSyntheticInstance(o);
  EngineOptions scalar;
  scalar.vectorized_scan = false;
  MatchResult a = MustSolve(MustCreate(in));
  MatchResult b = MustSolve(MustCreate(in, scalar));
  EXPECT_EQ(a.total_score, b.total_score);
  EXPECT_EQ(a.greedy_total_score, b.greedy_total_score);
  EXPECT_TRUE(a.optimal && b.optimal);
}

TEST(EngineTest, BreakdownsAddUpToTheTotalAndGreedyIsNeverBetter) {
  SyntheticOptions o;
  o.mentees = 500;
  o.mentors = 100;
  Engine engine = MustCreate(MakeSyntheticInstance(o));
  MatchResult r = MustSolve(engine);
  int64_t total = 0;
  for (const MatchedPair& p : r.pairs) {
    int64_t sum = 0;
    for (int w : p.breakdown.weighted) sum += w;
    EXPECT_EQ(sum, p.score);
    EXPECT_TRUE(engine.BrokenRules(p.mentee, p.mentor).empty());
    total += p.score;
  }
  EXPECT_EQ(total, r.total_score);
  ASSERT_TRUE(r.greedy_total_score.has_value());
  EXPECT_LE(*r.greedy_total_score, r.total_score);
  EXPECT_EQ(r.matched + static_cast<int32_t>(r.unmatched.size()), 500);
}

}  // namespace
}  // namespace pairwise::matching
