#include "matching/auction.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "matching/engine.h"
#include "matching/flow.h"
#include "matching/synthetic.h"

namespace pairwise::matching {
namespace {

using internal::AuctionOptions;
using internal::AuctionStats;
using internal::FlowNetwork;
using internal::FlowOutcome;
using internal::FlowSolution;
using internal::SolveBMatchingAuction;
using internal::SolveMinCostFlow;

struct RandomShape {
  int32_t rows = 10;
  int32_t mentors = 4;
  int32_t max_capacity = 3;
  int32_t max_score = 20;  // scores 0 .. max_score: small ranges give many ties
  double density = 0.5;
  int32_t max_row_units = 1;  // rows of 1 .. this many units (the price samples' rows)
};

// A network as the solver builds it: mentors (supply = capacity) first here, then rows, then
// the sink; pair arcs cost -(score * (rows + 1) + 1), or -score when `plain` (zero-weight pairs).
FlowNetwork RandomNetwork(const RandomShape& shape, std::mt19937_64& rng, bool plain) {
  FlowNetwork net;
  std::uniform_int_distribution<int32_t> capacity(1, shape.max_capacity);
  std::uniform_int_distribution<int32_t> score(0, shape.max_score);
  std::bernoulli_distribution has_pair(shape.density);
  std::vector<int32_t> mentor(shape.mentors);
  int32_t total = 0;
  for (int32_t& m : mentor) {
    const int32_t c = capacity(rng);
    m = net.AddNode(c);
    total += c;
  }
  std::uniform_int_distribution<int32_t> row_units(1, shape.max_row_units);
  std::vector<int32_t> row(shape.rows);
  std::vector<int32_t> units(shape.rows);
  for (int32_t i = 0; i < shape.rows; ++i) {
    row[i] = net.AddNode(0);
    units[i] = row_units(rng);
  }
  const int32_t sink = net.AddNode(-total);
  for (int32_t i = 0; i < shape.rows; ++i) {
    for (int32_t m : mentor) {
      if (!has_pair(rng)) continue;
      const int64_t s = score(rng);
      net.AddArc(m, row[i], units[i], plain ? -s : -(s * (shape.rows + 1) + 1));
    }
  }
  for (int32_t i = 0; i < shape.rows; ++i) net.AddArc(row[i], sink, units[i], 0);
  for (int32_t m : mentor) net.AddArc(m, sink, net.supply[m], 0);
  return net;
}

int64_t Cost(const FlowNetwork& net, const FlowSolution& solution) {
  int64_t cost = 0;
  for (int32_t a = 0; a < net.arc_count(); ++a) cost += net.cost[a] * solution.flow[a];
  return cost;
}

// Conservation, bounds and complementary slackness on every arc, checked here independently.
::testing::AssertionResult IsCertified(const FlowNetwork& net, const FlowSolution& solution) {
  if (solution.outcome != FlowOutcome::kOptimal) return ::testing::AssertionFailure() << "outcome";
  std::vector<int64_t> balance(net.node_count, 0);
  for (int32_t a = 0; a < net.arc_count(); ++a) {
    const int32_t f = solution.flow[a];
    if (f < 0 || f > net.upper[a]) return ::testing::AssertionFailure() << "bounds, arc " << a;
    balance[net.source[a]] += f;
    balance[net.target[a]] -= f;
    const int64_t reduced =
        net.cost[a] + solution.potential[net.source[a]] - solution.potential[net.target[a]];
    if ((f > 0 && reduced > 0) || (f < net.upper[a] && reduced < 0)) {
      return ::testing::AssertionFailure() << "slackness, arc " << a << ", reduced " << reduced;
    }
  }
  for (int32_t v = 0; v < net.node_count; ++v) {
    if (balance[v] != net.supply[v]) return ::testing::AssertionFailure() << "balance, node " << v;
  }
  return ::testing::AssertionSuccess();
}

// Whether no potential could fall with the sink's fixed: every node from which the residual
// network reaches the sink reaches it along arcs of zero reduced cost.
::testing::AssertionResult HasLowestPotentials(const FlowNetwork& net,
                                               const FlowSolution& solution) {
  int32_t sink = -1;
  for (int32_t v = 0; v < net.node_count; ++v) {
    if (net.supply[v] < 0) sink = v;
  }
  // Nodes that reach the sink over residual arcs (of zero reduced cost when `tight`).
  auto reaching = [&](bool tight) {
    std::vector<uint8_t> reached(net.node_count, 0);
    reached[sink] = 1;
    for (bool grew = true; grew;) {
      grew = false;
      for (int32_t a = 0; a < net.arc_count(); ++a) {
        const int64_t reduced =
            net.cost[a] + solution.potential[net.source[a]] - solution.potential[net.target[a]];
        if (tight && reduced != 0) continue;
        const int32_t from = net.source[a];
        const int32_t to = net.target[a];
        if (solution.flow[a] < net.upper[a] && reached[to] && !reached[from]) {
          reached[from] = 1;
          grew = true;
        }
        if (solution.flow[a] > 0 && reached[from] && !reached[to]) {
          reached[to] = 1;
          grew = true;
        }
      }
    }
    return reached;
  };
  const std::vector<uint8_t> any = reaching(false);
  const std::vector<uint8_t> tight = reaching(true);
  for (int32_t v = 0; v < net.node_count; ++v) {
    if (any[v] && !tight[v]) return ::testing::AssertionFailure() << "node " << v << " could fall";
  }
  return ::testing::AssertionSuccess();
}

// Every phase to the last, and with tries to finish early from the first phase on (every
// try checked: a wrong early answer would show here) and from one cost unit on.
void ExpectSameOptimum(const FlowNetwork& net, const std::string& where) {
  const FlowSolution simplex = SolveMinCostFlow(net);
  ASSERT_EQ(simplex.outcome, FlowOutcome::kOptimal) << where;
  for (int64_t finish_from : {int64_t{0}, int64_t{1}, INT64_MAX}) {
    AuctionOptions options;
    options.finish_from = finish_from;
    const std::string at = where + ", finish_from " + std::to_string(finish_from);
    const std::optional<FlowSolution> auction = SolveBMatchingAuction(net, options);
    ASSERT_TRUE(auction.has_value()) << at;
    EXPECT_TRUE(IsCertified(net, *auction)) << at;
    EXPECT_TRUE(HasLowestPotentials(net, *auction)) << at;
    EXPECT_EQ(Cost(net, *auction), Cost(net, simplex)) << at;
  }
}

TEST(AuctionTest, EqualsNetworkSimplexOnRandomNetworks) {
  // Scarce room, balanced and plentiful room; sparse and dense; capacities 1 to 10; narrow
  // score ranges for ties; rows of one unit and of up to four (as the price samples' rows).
  std::mt19937_64 rng(7);
  int trials = 0;
  for (int32_t rows : {1, 3, 8, 20, 40}) {
    for (int32_t mentors : {1, 2, 5, 12}) {
      for (int32_t max_capacity : {1, 3, 10}) {
        for (int32_t max_score : {0, 1, 3, 50, 100000}) {
          for (double density : {0.2, 0.6, 1.0}) {
            RandomShape shape{rows, mentors, max_capacity, max_score, density};
            const std::string where =
                "rows " + std::to_string(rows) + ", mentors " + std::to_string(mentors) +
                ", capacity " + std::to_string(max_capacity) + ", scores 0.." +
                std::to_string(max_score) + ", density " + std::to_string(density);
            ExpectSameOptimum(RandomNetwork(shape, rng, /*plain=*/false), where);
            ExpectSameOptimum(RandomNetwork(shape, rng, /*plain=*/true), where + ", plain");
            shape.max_row_units = 4;
            ExpectSameOptimum(RandomNetwork(shape, rng, /*plain=*/false), where + ", row units");
            ++trials;
          }
        }
      }
    }
  }
  EXPECT_EQ(trials, 900);
}

TEST(AuctionTest, LargerBalancedNetworksNeedPhasesAndReverseBids) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 5; ++trial) {
    RandomShape shape{600, 200, 5, 500 + trial * 1000, 0.05};
    const FlowNetwork net = RandomNetwork(shape, rng, /*plain=*/false);
    AuctionStats stats;
    const std::optional<FlowSolution> auction = SolveBMatchingAuction(net, {}, &stats);
    ASSERT_TRUE(auction.has_value()) << trial;
    EXPECT_TRUE(IsCertified(net, *auction)) << trial;
    EXPECT_EQ(Cost(net, *auction), Cost(net, SolveMinCostFlow(net))) << trial;
    EXPECT_GT(stats.phases, 1) << trial;
    EXPECT_GT(stats.bids, 0) << trial;
  }
}

TEST(AuctionTest, FinishesEarlyWithTheSameOptimumWhenTotalsMoveInScoreSteps) {
  // Costs -(score * (rows + 1) + 1), as the solver's: totals move in steps of rows + 1, and
  // from an ε below that the answer is optimal long before the last phase.
  std::mt19937_64 rng(19);
  int early = 0;
  for (int trial = 0; trial < 5; ++trial) {
    RandomShape shape{800, 250, 4, 200 + trial * 400, 0.04};
    const FlowNetwork net = RandomNetwork(shape, rng, /*plain=*/false);
    AuctionStats all_phases;
    const std::optional<FlowSolution> full = SolveBMatchingAuction(net, {}, &all_phases);
    AuctionOptions options;
    options.finish_from = shape.rows + 1;
    AuctionStats stats;
    const std::optional<FlowSolution> quick = SolveBMatchingAuction(net, options, &stats);
    ASSERT_TRUE(full.has_value() && quick.has_value()) << trial;
    EXPECT_TRUE(IsCertified(net, *quick)) << trial;
    EXPECT_EQ(Cost(net, *quick), Cost(net, *full)) << trial;
    EXPECT_EQ(Cost(net, *quick), Cost(net, SolveMinCostFlow(net))) << trial;
    EXPECT_FALSE(all_phases.finished_early) << trial;
    EXPECT_EQ(all_phases.finish_attempts, 0) << trial;
    EXPECT_GT(stats.finish_attempts, 0) << trial;
    if (stats.finished_early) {
      ++early;
      EXPECT_LT(stats.phases, all_phases.phases) << trial;
    }
  }
  EXPECT_GT(early, 0);
}

TEST(AuctionTest, UnmatchedOnBothSidesAndZeroWeights) {
  // Two mentors (capacities 2 and 1), three rows. Row 0 only has a zero-weight pair; row 1
  // likes mentor 0; row 2 has no pair at all. Room is left and a row stays unmatched.
  FlowNetwork net;
  const int32_t m0 = net.AddNode(2);
  const int32_t m1 = net.AddNode(1);
  const int32_t r0 = net.AddNode(0);
  const int32_t r1 = net.AddNode(0);
  const int32_t r2 = net.AddNode(0);
  const int32_t sink = net.AddNode(-3);
  net.AddArc(m1, r0, 1, 0);
  const int32_t liked = net.AddArc(m0, r1, 1, -9);
  net.AddArc(m1, r1, 1, -4);
  for (int32_t r : {r0, r1, r2}) net.AddArc(r, sink, 1, 0);
  net.AddArc(m0, sink, 2, 0);
  net.AddArc(m1, sink, 1, 0);
  const std::optional<FlowSolution> auction = SolveBMatchingAuction(net);
  ASSERT_TRUE(auction.has_value());
  EXPECT_TRUE(IsCertified(net, *auction));
  EXPECT_EQ(Cost(net, *auction), -9);
  EXPECT_EQ(auction->flow[liked], 1);
}

TEST(AuctionTest, DeclinesOtherNetworks) {
  std::mt19937_64 rng(3);
  const FlowNetwork base = RandomNetwork(RandomShape{}, rng, /*plain=*/false);
  ASSERT_TRUE(SolveBMatchingAuction(base).has_value());
  {
    FlowNetwork lower = base;  // lower bounds
    lower.lower.assign(lower.arc_count(), 0);
    lower.lower.back() = 1;
    EXPECT_FALSE(SolveBMatchingAuction(lower).has_value());
  }
  {
    FlowNetwork units = base;  // a row passing two units, with pair arcs of one
    units.upper[units.arc_count() - RandomShape{}.mentors - 1] = 2;
    EXPECT_FALSE(SolveBMatchingAuction(units).has_value());
  }
  // One mentor with `room` and one row with `units`, their pair worth 5.
  auto one_pair = [](int32_t room, int32_t units) {
    FlowNetwork net;
    const int32_t m = net.AddNode(room);
    const int32_t r = net.AddNode(0);
    const int32_t sink = net.AddNode(-room);
    net.AddArc(m, r, units, -5);
    net.AddArc(r, sink, units, 0);
    net.AddArc(m, sink, room, 0);
    return net;
  };
  // A row with more units than the auction handles; 64 are fine.
  EXPECT_FALSE(SolveBMatchingAuction(one_pair(64, 65)).has_value());
  EXPECT_TRUE(SolveBMatchingAuction(one_pair(64, 64)).has_value());
  // A mentor with more room than the auction's slot scan handles.
  EXPECT_FALSE(SolveBMatchingAuction(one_pair(100, 1)).has_value());
  {
    FlowNetwork huge = base;  // costs whose scaled values would overflow int64
    huge.cost[0] = -(int64_t{1} << 60);
    EXPECT_FALSE(SolveBMatchingAuction(huge).has_value());
  }
}

TEST(AuctionTest, EngineUsesItWithTheSameAnswer) {
  // The first round is an auction, certified, and so is a balanced program's second; the answer
  // equals the one with every pair as a candidate. With 40 mentors for 400 mentees (scarce
  // room) the re-solves are network simplex over the pairs the auction's duals let through.
  int scarce_resolved = 0;
  for (const int32_t mentors : {160, 40}) {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      const std::string where =
          "mentors " + std::to_string(mentors) + ", seed " + std::to_string(seed);
      SyntheticOptions o;
      o.mentees = 400;
      o.mentors = mentors;
      o.seed = seed;
      const Instance in = MakeSyntheticInstance(o);
      EngineOptions few;
      few.candidates_per_mentee = 2;
      EngineOptions all;
      all.candidates_per_mentee = o.mentors;
      Result<Engine> a = Engine::Create(in, few);
      Result<Engine> b = Engine::Create(in, all);
      ASSERT_TRUE(a.ok() && b.ok());
      Result<MatchResult> auctioned = a->Solve();
      Result<MatchResult> complete = b->Solve();
      ASSERT_TRUE(auctioned.ok() && complete.ok());
      EXPECT_GT(auctioned->stats.auctions, 0) << where;
      EXPECT_EQ(auctioned->stats.auctions, auctioned->stats.auctions_tried) << where;
      if (mentors == 40) {
        EXPECT_LT(complete->matched * 20, o.mentees * 19) << where << ": not scarce";
        EXPECT_EQ(auctioned->stats.auctions, 1) << where;
        if (auctioned->stats.pricing_rounds > 1) ++scarce_resolved;
      }
      EXPECT_TRUE(auctioned->optimal) << where;
      EXPECT_TRUE(complete->optimal) << where;
      EXPECT_EQ(auctioned->total_score, complete->total_score) << where;
      EXPECT_EQ(auctioned->matched, complete->matched) << where;
    }
  }
  EXPECT_GT(scarce_resolved, 0) << "no scarce program needed a re-solve";
}

}  // namespace
}  // namespace pairwise::matching
