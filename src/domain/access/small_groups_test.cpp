#include "domain/access/small_groups.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace pairwise::domain {
namespace {

TEST(SmallGroups, NothingHiddenWhenEveryGroupIsLargeEnough) {
  EXPECT_EQ(HiddenGroups({5, 9, 30}, 5), (std::vector<bool>{false, false, false}));
}

TEST(SmallGroups, OneSmallGroupHidesTheNextSmallestToo) {
  EXPECT_EQ(HiddenGroups({12, 2, 7}, 5), (std::vector<bool>{false, true, true}));
}

TEST(SmallGroups, SmallGroupsTogetherUnderKHideMore) {
  // 1 + 1 = 2 < 5: the next-smallest (6) is hidden too.
  EXPECT_EQ(HiddenGroups({1, 1, 6, 20}, 5), (std::vector<bool>{true, true, true, false}));
}

TEST(SmallGroups, KNeverBelowThree) {
  EXPECT_EQ(HiddenGroups({2, 10, 10}, 1), (std::vector<bool>{true, true, false}));
}

TEST(SmallGroups, TwoGroupsOneSmallHidesBoth) {
  EXPECT_EQ(HiddenGroups({40, 4}, 5), (std::vector<bool>{true, true}));
}

// Over many random breakdowns: what is hidden is nothing, or at least two groups holding at
// least k people, so no hidden group follows from the total minus the shown groups.
TEST(SmallGroups, HiddenPeopleAreNeverOneGroupNorFewerThanK) {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    const int k = 3 + static_cast<int>(random() % 5);
    std::vector<int> counts(1 + random() % 6);
    for (int& c : counts) c = static_cast<int>(random() % 15);
    const auto hidden = HiddenGroups(counts, k);
    int groups = 0, people = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (!hidden[i]) {
        EXPECT_TRUE(counts[i] == 0 || counts[i] >= k);
        continue;
      }
      ++groups;
      people += counts[i];
    }
    const int total = std::accumulate(counts.begin(), counts.end(), 0);
    if (groups > 0 && people != total) {
      EXPECT_GE(groups, 2);
      EXPECT_GE(people, k);
    }
  }
}

}  // namespace
}  // namespace pairwise::domain
