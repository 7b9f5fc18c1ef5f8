#include "domain/proposals/proposal_figures.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

ProposalPair Pair(const std::string& mentee, const std::string& mentor, int64_t score,
                  const std::string& department = "Finance", int level = 2) {
  ProposalPair p;
  p.mentee = mentee;
  p.mentor = mentor;
  p.score = score;
  p.mentee_info = PersonSnapshot{"Mentee " + mentee, department, "London", level};
  p.mentor_info = PersonSnapshot{"Mentor " + mentor, "Engineering", "Paris", 7};
  return p;
}

ProposalUnmatched Unmatched(const std::string& mentee, const std::string& department) {
  ProposalUnmatched u;
  u.mentee = mentee;
  u.mentee_info = PersonSnapshot{"Mentee " + mentee, department, "London", 2};
  u.reason = "mentors_full";
  return u;
}

TEST(ProposalFigures, SummaryCountsLoadScoresAndRankedChoices) {
  std::vector<ProposalPair> pairs = {Pair("e1", "m1", 100), Pair("e2", "m1", 300),
                                     Pair("e3", "m2", 200)};
  std::map<std::string, std::vector<std::string>> ranked = {
      {"e1", {"m1", "m2"}}, {"e3", {"m1", "m2"}}, {"e4", {"m2"}}};
  ProposalSummary base;
  base.optimal = true;
  base.greedy_total = 550;
  ProposalSummary s = Summarize(pairs, /*unmatched=*/1, /*mentors=*/3, ranked, base);
  EXPECT_EQ(s.mentees, 4);
  EXPECT_EQ(s.matched, 3);
  EXPECT_EQ(s.total_score, 600);
  EXPECT_DOUBLE_EQ(s.mean_score, 200);
  EXPECT_EQ(s.lowest_score, 100);
  EXPECT_TRUE(s.optimal);
  EXPECT_EQ(s.greedy_total, 550);
  EXPECT_EQ(s.ranked_honoured, 2);  // e1 got m1 (1st), e3 got m2 (2nd)
  EXPECT_EQ(s.first_choice, 1);
  EXPECT_EQ(s.mentees_with_ranking, 3);
  EXPECT_EQ(s.mentor_load, (std::vector<int>{1, 1, 1}));  // one idle, one with 1, one with 2
  int histogram_total = 0;
  for (int n : s.score_histogram) histogram_total += n;
  EXPECT_EQ(histogram_total, 3);
  EXPECT_EQ(s.score_histogram[300 / s.score_bucket], 1);
}

TEST(ProposalFigures, FairnessHidesSmallGroups) {
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  for (int i = 0; i < 6; ++i) pairs.push_back(Pair("f" + std::to_string(i), "m", 100 + i));
  for (int i = 0; i < 4; ++i) unmatched.push_back(Unmatched("u" + std::to_string(i), "Finance"));
  for (int i = 0; i < 3; ++i) pairs.push_back(Pair("s" + std::to_string(i), "m", 50, "Sales"));
  for (int i = 0; i < 6; ++i) pairs.push_back(Pair("k" + std::to_string(i), "m", 70, "Marketing"));
  FairnessView v = Fairness(pairs, unmatched);
  EXPECT_EQ(v.overall_mentees, 19);
  EXPECT_EQ(v.overall_matched, 15);
  // Sales (3 people) is small; Marketing (6), the next-smallest, is hidden with it, or the
  // total minus Finance and Marketing would be Sales' figures.
  EXPECT_EQ(v.hidden_groups, 2);
  bool saw_finance = false;
  for (const FairnessRow& r : v.rows) {
    EXPECT_NE(r.group, "Sales");
    EXPECT_NE(r.group, "Marketing");
    if (r.dimension == "department" && r.group == "Finance") {
      saw_finance = true;
      EXPECT_EQ(r.mentees, 10);
      EXPECT_EQ(r.matched, 6);
      EXPECT_DOUBLE_EQ(r.mean_score, 102.5);
    }
  }
  EXPECT_TRUE(saw_finance);
  EXPECT_EQ(LevelBand(3), "levels 1-3");
  EXPECT_EQ(LevelBand(7), "levels 7-10");
}

TEST(ProposalFigures, FairnessByImportedAttributesOnlyInLargeEnoughGroups) {
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  std::vector<ReportingAttribute> attributes;
  // 6 women (5 matched), 5 men (all matched), 2 non-binary (hidden), 3 with no value.
  for (int i = 0; i < 16; ++i) {
    const std::string id = "p" + std::to_string(i);
    if (i == 5) {
      unmatched.push_back(Unmatched(id, "Finance"));
    } else {
      pairs.push_back(Pair(id, "m", 10 * i));
    }
    if (i < 6) attributes.push_back({id, "gender", "woman"});
    if (i >= 6 && i < 11) attributes.push_back({id, "gender", "man"});
    if (i >= 11 && i < 13) attributes.push_back({id, "gender", "non-binary"});
  }
  attributes.push_back({"someone-else", "gender", "woman"});   // not in the program: not counted
  attributes.push_back({"someone-else", "network", "Pride"});  // nobody's here: no dimension
  FairnessView v = Fairness(pairs, unmatched, attributes);
  std::map<std::string, FairnessRow> by_group;
  for (const FairnessRow& r : v.rows) {
    if (r.dimension == "attribute:gender") by_group[r.group] = r;
  }
  ASSERT_EQ(by_group.size(), 2u);  // non-binary (2) and "(not given)" (3) are hidden
  for (const FairnessRow& r : v.rows) EXPECT_NE(r.dimension, "attribute:network");
  EXPECT_EQ(by_group["woman"].mentees, 6);
  EXPECT_EQ(by_group["woman"].matched, 5);
  EXPECT_DOUBLE_EQ(by_group["woman"].mean_score, (0 + 10 + 20 + 30 + 40) / 5.0);
  EXPECT_EQ(by_group["man"].mentees, 5);
  EXPECT_EQ(by_group["man"].matched, 5);
  EXPECT_EQ(v.hidden_groups, 2);
  // Without attributes there is no such dimension.
  for (const FairnessRow& r : Fairness(pairs, unmatched).rows) {
    EXPECT_FALSE(r.dimension.starts_with("attribute:"));
  }
}

TEST(ProposalFigures, DifferencesListOnlyChangedMentees) {
  std::vector<ProposalPair> a = {Pair("e1", "m1", 10), Pair("e2", "m2", 20)};
  std::vector<ProposalPair> b = {Pair("e1", "m1", 10), Pair("e3", "m2", 30)};
  auto d = Differences(a, b, {Unmatched("e3", "X")}, {Unmatched("e2", "X")});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].mentee, "e2");
  EXPECT_EQ(d[0].mentor_a, "m2");
  EXPECT_TRUE(d[0].mentor_b.empty());
  EXPECT_EQ(d[1].mentee, "e3");
  EXPECT_TRUE(d[1].mentor_a.empty());
  EXPECT_EQ(d[1].score_b, 30);
}

TEST(ProposalFigures, QueryFiltersSortsAndPages) {
  std::vector<ProposalPair> pairs;
  for (int i = 0; i < 30; ++i) {
    pairs.push_back(Pair("e" + std::to_string(100 + i), "m" + std::to_string(i % 3), i * 10,
                         i % 2 ? "Finance" : "Sales"));
  }
  pairs[5].manual = true;
  pairs[5].broken_rules = {"other_department"};
  PairQuery q;
  q.department = "Finance";
  q.min_score = 100;
  q.sort = "score";
  q.descending = true;
  q.limit = 5;
  PairPage page = QueryPairs(pairs, q);
  EXPECT_EQ(page.total, 10);  // odd i from 11 to 29
  ASSERT_EQ(page.items.size(), 5u);
  EXPECT_EQ(page.items[0].score, 290);
  EXPECT_EQ(page.items[4].score, 210);
  q = PairQuery{};
  q.rule = "other_department";
  EXPECT_EQ(QueryPairs(pairs, q).total, 1);
  q = PairQuery{};
  q.manual_only = true;
  EXPECT_EQ(QueryPairs(pairs, q).items[0].mentee, "e105");
  q = PairQuery{};
  q.q = "MENTEE E12";
  EXPECT_EQ(QueryPairs(pairs, q).total, 10);  // e120..e129
  q.offset = 8;
  EXPECT_EQ(QueryPairs(pairs, q).items.size(), 2u);
}

// The fairness view's numbers never give a hidden group's: per dimension, the groups not shown
// are none, or at least two holding at least kMinFairnessGroup mentees together.
TEST(ProposalFigures, FairnessHiddenGroupsCannotBeDerivedFromTheTotal) {
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  // Finance 12, Sales 1 (one person, matched), IT 7.
  for (int i = 0; i < 12; ++i) pairs.push_back(Pair("f" + std::to_string(i), "m", 100));
  pairs.push_back(Pair("s0", "m", 999, "Sales"));
  for (int i = 0; i < 7; ++i) unmatched.push_back(Unmatched("i" + std::to_string(i), "IT"));
  FairnessView v = Fairness(pairs, unmatched);
  int shown_mentees = 0;
  for (const FairnessRow& r : v.rows) {
    if (r.dimension == "department") shown_mentees += r.mentees;
  }
  const int hidden_mentees = v.overall_mentees - shown_mentees;
  EXPECT_TRUE(hidden_mentees == 0 || hidden_mentees >= kMinFairnessGroup);
  EXPECT_EQ(hidden_mentees, 8);  // Sales and IT together
}

}  // namespace
}  // namespace pairwise::domain
