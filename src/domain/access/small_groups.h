// Small-group suppression: the one rule for every aggregate view that shows figures per group
// of people (survey results, the fairness view). A group is shown only with at least `k` people,
// and when any group of a breakdown is hidden, more are hidden (the smallest shown first) until
// at least two are hidden and together they hold at least `k` people, so that no hidden group's
// figures follow from the total minus the shown groups. Pure.
#pragma once

#include <vector>

namespace pairwise::domain {

// The smallest group shown by default, and the least a coordinator may set.
inline constexpr int kDefaultMinGroup = 5;
inline constexpr int kLowestMinGroup = 3;

// Which groups of one breakdown to hide, by index into `counts` (each group's people; their sum
// is the breakdown's total, which the caller shows only when it is at least `k`). `k` below
// kLowestMinGroup counts as kLowestMinGroup. Groups of 0 are never hidden (nothing to reveal).
std::vector<bool> HiddenGroups(const std::vector<int>& counts, int k);

}  // namespace pairwise::domain
