// Internal: the scan of all mentee x mentor pairs that keeps, per mentee, the pairs most
// likely to matter, and the pricing scan that proves no pair left out would improve the flow.
//
// Pairs are ranked per mentee by "adjusted" score: score - price[mentor], where the price is an
// estimate of what the mentor is worth to the rest of the program (from a solve on a sample of
// the mentees; zero without one). Popular mentors are then not offered to every mentee, and the
// mentees likely to end with a less popular mentor have that mentor among their candidates.
#pragma once

#include <climits>
#include <cstdint>
#include <vector>

#include "matching/model.h"

namespace pairwise::matching::internal {

class RowScratch;

struct Candidate {
  int32_t mentor = 0;
  int32_t score = 0;  // the pair's score (not adjusted)
};

// "a is a better candidate than b" for raw scores: higher score, then lower mentor index.
inline bool BetterCandidate(const Candidate& a, const Candidate& b) {
  return a.score > b.score || (a.score == b.score && a.mentor < b.mentor);
}

inline constexpr int32_t kNothingLeftOut = INT32_MIN;
inline constexpr int32_t kNoValue = INT32_MIN / 2;  // "no pair" in SelectTopValues
inline constexpr int32_t kScoreUnknown = INT32_MAX;

// The `keep` best entries of values[0..n) (higher value first, then lower index) among those
// above kNoValue, sorted best first; n must be a multiple of 32 (Model::mentor_stride is).
// block_max and top_blocks are scratch.
void SelectTopValues(const int32_t* values, int32_t n, int32_t keep,
                     std::vector<int32_t>& block_max, std::vector<int32_t>& top_blocks,
                     std::vector<Candidate>& best);

// The mentees a solve works on (its rows) and what else limits them.
struct ScanScope {
  const Model* model = nullptr;
  std::vector<int32_t> mentees;  // row r is mentee mentees[r]
  // Per row, mentors excluded on top of the model's rules (rematch: dissolved pairs); empty
  // vector (or no entry at all) for none.
  std::vector<std::vector<int32_t>> excluded;
  int threads = 1;

  int32_t rows() const { return static_cast<int32_t>(mentees.size()); }
};

// ScoreRow (row_scan.h) for row r of the scope, with the scope's extra exclusions applied.
int32_t ScoreScopeRow(const ScanScope& scope, int32_t r, RowScratch& scratch);

// Each row's best pairs by raw score (for the greedy baseline), best first:
// pairs[r * k .. r * k + count[r]); more[r]: more eligible pairs with room exist beyond them.
struct RawLists {
  int32_t k = 0;
  std::vector<Candidate> pairs;
  std::vector<int32_t> count;
  std::vector<uint8_t> more;

  const Candidate* Begin(int32_t r) const { return pairs.data() + static_cast<size_t>(r) * k; }
  const Candidate* End(int32_t r) const { return Begin(r) + count[r]; }
};

// The pairs given to the flow solver, by row of a ScanScope.
struct CandidateSet {
  int32_t row_count = 0;
  int32_t k = 0;
  std::vector<int32_t> price;  // per mentor: the price the adjusted ranking used
  // Row r's best pairs by adjusted score, best first: base[r * k .. r * k + base_count[r]).
  std::vector<Candidate> base;
  std::vector<int32_t> base_count;
  std::vector<std::vector<Candidate>> extra;  // pairs added by mentors' lists and pricing
  // Per row: an upper bound on score - epoch_price[row_epoch[r]][m] over the eligible pairs
  // with a mentor that has room and that are in neither base nor extra; kNothingLeftOut when
  // there are none. Epoch 0 is `price`; pricing adds an epoch (the mentors' dual values of that
  // round, in score units) and moves the rows it rescans to it, so that later rounds, whose
  // duals differ little, can rule those rows out without rescanning them.
  std::vector<int32_t> left_out_bound;
  // Per row: an upper bound on the plain score of those same left-out pairs (kNothingLeftOut:
  // none; kScoreUnknown: not computed). Independent of the prices, so it still rules mentors
  // out when the duals have moved far from every epoch's prices.
  std::vector<int32_t> left_out_score;
  std::vector<int32_t> row_epoch;
  std::vector<std::vector<int32_t>> epoch_price;
  // Per row and block of kVectorBlock mentors (blocks per row: mentor_stride / kVectorBlock):
  // the same bound over the block's left-out pairs alone, saturated to int16 (so the row's
  // bound applies too). Most blocks' bounds are far below the row's, which rules out most of
  // the mentors whose price has moved. Empty when no row can leave a pair out (explicit lists
  // no longer than k): only rows that leave pairs out are ever asked for their block bounds.
  std::vector<int16_t> block_bound;
  int32_t blocks = 0;
  // Per row: left-out pairs pricing has scored one by one, with their scores (kNotEligible
  // when a rule excludes the pair), so that later rounds, which mostly suspect the same
  // mentors again, need not score them again.
  std::vector<std::vector<Candidate>> scored;
  std::vector<int32_t> eligible;  // per row: mentors passing every hard rule, full or not

  RawLists raw;  // when requested (SelectOptions::raw_k)

  int32_t rows() const { return row_count; }
  const Candidate* BaseBegin(int32_t r) const { return base.data() + static_cast<size_t>(r) * k; }
  const Candidate* BaseEnd(int32_t r) const { return BaseBegin(r) + base_count[r]; }
  int16_t* BlockBounds(int32_t r) { return block_bound.data() + static_cast<size_t>(r) * blocks; }
  const int16_t* BlockBounds(int32_t r) const {
    return block_bound.data() + static_cast<size_t>(r) * blocks;
  }
  int64_t PairCount() const;
};

struct SelectOptions {
  int32_t k = 16;            // pairs per row by adjusted score
  int32_t raw_k = 0;         // pairs per row by raw score, for the greedy baseline (0: none)
  bool mentor_lists = true;  // each mentor with room also keeps its best rows
  const std::vector<int32_t>* price = nullptr;  // per mentor; null: all zero
  // With explicit pairs (Model::explicit_pairs), each row is read from its list instead of
  // scanned over every mentor: the same set, without a pass over all mentors per row. False
  // only in tests, which compare the two.
  bool sparse_explicit = true;
};

// Scans every mentor for each row of `scope` and keeps, per row, the best options.k eligible
// pairs (by adjusted score) whose mentor has room (room[m] > 0); with mentor_lists, each
// mentor with room also keeps its best room[m] + k/2 rows (added to `extra` when not already
// kept). Runs on scope.threads threads; the result does not depend on the thread count.
CandidateSet SelectCandidates(const ScanScope& scope, const std::vector<int32_t>& room,
                              const SelectOptions& options);

// The weight a pair has in the flow: scale * score + offset, and only pairs scoring at least
// min_score may be used.
struct ArcWeight {
  int64_t scale = 1;
  int64_t offset = 0;
  int32_t min_score = 0;
  int64_t Of(int32_t score) const { return scale * score + offset; }
};

struct PricingOutcome {
  int64_t rows_scanned = 0;   // rows rescored in full
  int64_t pairs_checked = 0;  // pairs checked one by one
  int64_t pairs_added = 0;
};

// The optimality check over the pairs left out, against dual values that certify the current
// flow on the candidate pairs: row_dual[r] (u) and mentor_dual[m] (v), in weight units, such
// that a pair not among the candidates would improve the flow exactly when
// weight.Of(score) > u[r] + v[m]. Rows whose left-out bound rules this out for every mentor
// are skipped; rows where only a few mentors could improve are checked pair by pair; the others
// are rescored in full. Up to per_row_limit improving pairs per row (most improving first) are
// appended to `extra`. pairs_added == 0 proves no pair left out improves the flow.
PricingOutcome PriceLeftOutPairs(const ScanScope& scope, CandidateSet& candidates,
                                 const std::vector<int32_t>& room, const ArcWeight& weight,
                                 const std::vector<int64_t>& row_dual,
                                 const std::vector<int64_t>& mentor_dual, int32_t per_row_limit);

}  // namespace pairwise::matching::internal
