// Internal: what a pair is worth and whether it is allowed, one pair at a time. This is the
// reference definition of every hard rule and soft criterion; the vectorized row scan
// (row_scan.h) must agree with it exactly, which matching tests check on random instances.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "matching/model.h"
#include "matching/result.h"

namespace pairwise::matching::internal {

inline constexpr int32_t kMaxPercentDenominator = 4000;
inline constexpr int32_t kNotEligible = -1;

// floor(100 * n / d) for 0 <= n <= d <= kMaxPercentDenominator; 0 when d == 0.
inline int32_t PercentOf(int32_t n, int32_t d) { return d == 0 ? 0 : 100 * n / d; }

// M such that (n * M) >> 24 == PercentOf(n, d) for every 0 <= n <= d, with n * M < 2^31: the
// vectorized scan uses it instead of a division. Exact because n * d < 2^24 (see the test).
inline int32_t PercentMagic(int32_t d) {
  return d == 0 ? 0 : static_cast<int32_t>(((int64_t{100} << 24) + d - 1) / d);
}

inline int32_t LanguagePoints(int32_t shared) { return shared >= 2 ? 100 : (shared == 1 ? 80 : 0); }
inline int32_t RankPoints(int32_t rank) { return std::max(10, 100 - 20 * (rank - 1)); }
inline int32_t LevelGapPoints(int32_t gap, int32_t target, int32_t step) {
  return std::max(0, 100 - step * std::abs(gap - target));
}
// Distance in minutes between two UTC offsets on the 24-hour circle, 0..720.
inline int32_t CircularDistance(int32_t utc_a, int32_t utc_b) {
  int32_t d = std::abs(utc_a - utc_b);
  if (d >= 1440) d -= 1440;
  return std::min(d, 1440 - d);
}

// True when the pair passes `rule` (rules that are off always pass).
bool PassesRule(const Model& model, HardRule rule, int32_t mentee, int32_t mentor);
// Every rule the pair breaks, in HardRule order.
std::vector<HardRule> BrokenRules(const Model& model, int32_t mentee, int32_t mentor);
bool Eligible(const Model& model, int32_t mentee, int32_t mentor);

// Points per criterion; score = sum of weighted. For explicit pairs: the listed score (0 when
// the pair is not listed).
Breakdown ScoreBreakdown(const Model& model, int32_t mentee, int32_t mentor);
int32_t PairScore(const Model& model, int32_t mentee, int32_t mentor);

// Scores mentee `mentee` against every mentor with the scalar reference: out[m] = score, or
// kNotEligible when a hard rule fails; out has mentor_stride entries (padding kNotEligible).
// Returns the number of eligible mentors.
int32_t ScoreRowScalar(const Model& model, int32_t mentee, int32_t* out);

}  // namespace pairwise::matching::internal
