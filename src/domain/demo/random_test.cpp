#include "domain/demo/random.h"

#include <gtest/gtest.h>

#include <array>

namespace pairwise::domain::demo {
namespace {

TEST(RandomTest, SplitMix64MatchesTheReference) {
  uint64_t state = 0;
  EXPECT_EQ(Random::SplitMix64(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(Random::SplitMix64(state), 0x6e789e6aa1b965f4ULL);
}

TEST(RandomTest, SameSeedSameSequence) {
  Random a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs = differs || x != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(RandomTest, StaysInRangeAndCoversIt) {
  Random r(7);
  std::array<int, 6> seen{};
  for (int i = 0; i < 6000; ++i) {
    const int v = r.Between(-2, 3);
    ASSERT_GE(v, -2);
    ASSERT_LE(v, 3);
    ++seen[static_cast<std::size_t>(v + 2)];
  }
  for (int count : seen) EXPECT_NEAR(count, 1000, 150);
  EXPECT_EQ(r.Between(5, 5), 5);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.Below(3), 3u);
}

TEST(RandomTest, WeightedFollowsTheWeights) {
  Random r(11);
  const std::array weights = {1, 0, 3};
  std::array<int, 3> seen{};
  for (int i = 0; i < 8000; ++i) ++seen[r.Weighted(weights)];
  EXPECT_EQ(seen[1], 0);
  EXPECT_NEAR(seen[0], 2000, 200);
  EXPECT_NEAR(seen[2], 6000, 200);
  int yes = 0;
  for (int i = 0; i < 10000; ++i) yes += r.Chance(250) ? 1 : 0;
  EXPECT_NEAR(yes, 2500, 200);
}

}  // namespace
}  // namespace pairwise::domain::demo
