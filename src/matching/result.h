// The output of the matching engine: the pairs with their scores and per-criterion points,
// the unmatched mentees with the reason, whether the answer is proven optimal, the greedy
// answer's figures for comparison, and what each phase cost.
//
// People are named by their index in Instance::mentees / Instance::mentors.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "matching/instance.h"

namespace pairwise::matching {

// Per-criterion points (0..100) and weighted points (weight x points) of one pair. For pairs
// scored by an explicit `Instance::pairs` list, all zero and `explicit_score` is set.
struct Breakdown {
  std::array<int, kCriterionCount> points{};
  std::array<int, kCriterionCount> weighted{};
  bool explicit_score = false;

  int Points(Criterion c) const { return points[static_cast<int>(c)]; }
  int Weighted(Criterion c) const { return weighted[static_cast<int>(c)]; }
};

struct MatchedPair {
  int32_t mentee = 0;
  int32_t mentor = 0;
  int64_t score = 0;
  bool pinned = false;
  Breakdown breakdown;
};

// The hard rules, plus the exclusions that act like them, as named in unmatched reasons.
enum class HardRule {
  kManagementChain,
  kMinLevelGap,
  kOtherDepartment,
  kSharedLanguage,
  kTimezoneOverlap,
  kCredentialedOnly,
  kNotPreviouslyPaired,
  kForbidden,
  kNotListed,  // explicit `pairs` mode: the pair is not in the list
};
inline constexpr int kHardRuleCount = 9;

// Stable snake_case name ("management_chain", ...) and words ("management chain").
std::string_view HardRuleName(HardRule rule);
std::string_view HardRuleWords(HardRule rule);

enum class UnmatchedReason {
  kNoEligibleMentor,     // every mentor breaks a hard rule; `rule` excluded the most
  kEligibleMentorsFull,  // eligible mentors exist but are all full (or, in a group program,
                         // lead no group)
  kNotRematched,         // Engine::Rematch: unmatched before and not among the freed people
};

std::string_view UnmatchedReasonName(UnmatchedReason reason);

struct UnmatchedMentee {
  int32_t mentee = 0;
  UnmatchedReason reason = UnmatchedReason::kNoEligibleMentor;
  std::optional<HardRule> rule;  // kNoEligibleMentor: the rule that excluded the most mentors
  int32_t excluded_by_rule = 0;  // how many mentors `rule` excluded
  int32_t eligible_mentors = 0;  // mentors passing every hard rule (full or not)
  int32_t mentors = 0;           // mentors in the program
};

struct PhaseTimings {
  double prepare_ms = 0;     // validation and compact attributes (Engine::Create)
  double candidates_ms = 0;  // scan of all pairs, best K per mentee
  double solve_ms = 0;       // min-cost flow solves
  double proof_ms = 0;       // pricing of the pairs left out, certificate checks
  double greedy_ms = 0;
  double explain_ms = 0;  // breakdowns and unmatched reasons
  double total_ms = 0;    // Solve() or Rematch() from call to return (prepare_ms excluded)
};

// One solve + proof round of the main flow (not of the price sample).
struct RoundStats {
  // True when the round repaired the previous round's answer (warm start) instead of
  // solving the flow from scratch; rows_in_flow then counts the rows placed again and arcs
  // the candidate pairs the repair searched over.
  bool repaired = false;
  // True when the flow was solved by the auction (auction.h) and its certificate held; false
  // for network simplex, also when the auction was tried and fell back.
  bool auction = false;
  int32_t rows_in_flow = 0;  // rows given to the flow solver (the others kept their answer)
  int64_t arcs = 0;
  int64_t repair_searches = 0;       // shortest-path searches of the repair (even if it gave up)
  int64_t repair_nodes_settled = 0;  // nodes they settled, in all
  double solve_ms = 0;
  double proof_ms = 0;
  int64_t rows_rescored = 0;           // rows whose left-out pairs were rescored in full
  int64_t pairs_checked = 0;           // left-out pairs checked one by one
  int64_t pairs_added = 0;             // improving pairs found among those left out
  int64_t certificate_violations = 0;  // conditions failing over the candidate pairs
};

struct SolveStats {
  int threads = 0;
  int candidates_per_mentee = 0;  // K
  int64_t eligible_pairs = 0;     // pairs passing every hard rule, over all free mentees
  int64_t candidate_pairs = 0;    // pairs given to the flow solver (final round)
  int pricing_rounds = 0;         // solve + price rounds (1: the first solve was proven)
  int64_t pairs_added_by_pricing = 0;
  int64_t rows_priced = 0;  // mentees whose whole row was rescored by the proof
  int flow_solves = 0;
  int repairs_tried = 0;             // re-solves that tried to repair the previous answer
  int repairs = 0;                   // and whose repair was certified (no flow solve then)
  int auctions_tried = 0;            // flow solves tried by the auction first
  int auctions = 0;                  // and whose answer was certified (no network simplex then)
  int64_t groups_below_min = 0;      // group programs: groups left below min_size (pins only)
  double price_sample_ms = 0;        // solves on samples of the mentees that set the prices
  int price_samples = 0;             // how many samples (1 in 8, 1 in 64, ...)
  int price_sample_auctions = 0;     // their flow solves done by the auction
  int64_t greedy_rows_rescored = 0;  // greedy: rows that ran out of pairs, rescored whole
  int64_t greedy_rows_checked = 0;   // and those checked one pair at a time (few mentors left)
  std::vector<RoundStats> rounds;
};

struct MatchResult {
  Objective objective = Objective::kTotal;
  std::vector<MatchedPair> pairs;          // sorted by mentee index
  std::vector<UnmatchedMentee> unmatched;  // sorted by mentee index
  int64_t total_score = 0;
  int32_t matched = 0;
  // True only when the answer was proven best over every eligible pair (not only those
  // kept as candidates) for the objective.
  bool optimal = false;
  // Group programs: the best total without the group minimum (a bound the answer may not
  // reach); empty otherwise.
  std::optional<int64_t> upper_bound;
  // Lowest score among the pairs the engine chose (pins aside); empty when there are none.
  std::optional<int64_t> min_pair_score;
  // Best-scoring pair first, same pins and capacities; empty when not computed.
  std::optional<int64_t> greedy_total_score;
  int32_t greedy_matched = 0;
  SolveStats stats;
  PhaseTimings timings;
};

}  // namespace pairwise::matching
