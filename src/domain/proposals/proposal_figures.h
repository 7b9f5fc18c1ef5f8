// Figures over a proposal's pairs, computed from stored rows: the summary (coverage, scores,
// mentor load, ranked choices honoured), the fairness view, the comparison of two proposals and
// the filtered, sorted, paged pair list. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/people/person.h"
#include "domain/proposals/proposal.h"

namespace pairwise::domain {

// Groups smaller than this are hidden in the fairness view (with the complementary rule of
// domain/access/small_groups.h).
inline constexpr int kMinFairnessGroup = 5;

// Summary figures of `pairs` (the proposal's mentees are pairs + unmatched). `mentors`: how
// many mentors the run had; `ranked`: per mentee, the mentors they ranked (first first).
// Keeps `base`'s engine-only fields (optimal, greedy, timings).
ProposalSummary Summarize(const std::vector<ProposalPair>& pairs, int unmatched, int mentors,
                          const std::map<std::string, std::vector<std::string>>& ranked,
                          ProposalSummary base);

struct FairnessRow {
  std::string dimension;  // "department" | "site" | "level_band" | "attribute:<name>"
  std::string group;      // "Finance", "London", "levels 4-6"
  int mentees = 0;
  int matched = 0;
  double mean_score = 0;  // over the matched
};

struct FairnessView {
  std::vector<FairnessRow> rows;  // groups shown (HiddenGroups with kMinFairnessGroup)
  int hidden_groups = 0;          // groups not shown: small ones and their complements
  int overall_mentees = 0;
  int overall_matched = 0;
  double overall_mean_score = 0;
};

// "levels 1-3", "levels 4-6", "levels 7-10".
std::string LevelBand(int level);

// Coverage and mean score per group of mentees, by department, site, level band and each
// reporting attribute in `attributes` that some of these mentees have (any order; dimension
// "attribute:<name>", mentees with no value counted in the group "(not given)"). Groups under
// kMinFairnessGroup, and per dimension the next-smallest ones (HiddenGroups), are only counted.
FairnessView Fairness(const std::vector<ProposalPair>& pairs,
                      const std::vector<ProposalUnmatched>& unmatched,
                      const std::vector<ReportingAttribute>& attributes = {});

struct PairDifference {
  std::string mentee;
  std::string mentee_name;
  std::string mentor_a;  // empty: unmatched in a
  std::string mentor_a_name;
  int64_t score_a = 0;
  std::string mentor_b;
  std::string mentor_b_name;
  int64_t score_b = 0;
};

// Mentees whose mentor differs between a and b, ordered by mentee.
std::vector<PairDifference> Differences(const std::vector<ProposalPair>& a,
                                        const std::vector<ProposalPair>& b,
                                        const std::vector<ProposalUnmatched>& a_unmatched,
                                        const std::vector<ProposalUnmatched>& b_unmatched);

struct PairQuery {
  std::string q;           // part of either name or employee id, any case
  std::string department;  // the mentee's or the mentor's department name, exactly
  std::optional<int64_t> min_score;
  std::optional<int64_t> max_score;
  bool manual_only = false;        // set by hand
  bool broken_rules_only = false;  // breaking a hard rule (manual pairs)
  std::string rule;                // breaking this rule (a HardRule name)
  std::string sort = "mentee";     // "mentee" | "mentor" | "score"
  bool descending = false;
  int offset = 0;
  int limit = 50;  // 1..500
};

struct PairPage {
  std::vector<ProposalPair> items;
  int64_t total = 0;  // matching the query
};

PairPage QueryPairs(std::vector<ProposalPair> pairs, const PairQuery& query);

}  // namespace pairwise::domain
