#include "matching/solver.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "matching/engine.h"
#include "matching/flow.h"
#include "matching/synthetic.h"

namespace pairwise::matching {
namespace {

using internal::FlowNetwork;
using internal::FlowOutcome;

TEST(FlowTest, MinCostFlowFindsTheCheapestRouting) {
  // s -> a -> t and s -> b -> t, two units; a is cheaper but holds one unit.
  FlowNetwork net;
  const int32_t s = net.AddNode(2);
  const int32_t a = net.AddNode(0);
  const int32_t b = net.AddNode(0);
  const int32_t t = net.AddNode(-2);
  net.AddArc(s, a, 1, 1);
  net.AddArc(s, b, 2, 5);
  net.AddArc(a, t, 2, 1);
  net.AddArc(b, t, 2, 1);
  const internal::FlowSolution solution = internal::SolveMinCostFlow(net);
  ASSERT_EQ(solution.outcome, FlowOutcome::kOptimal);
  EXPECT_EQ(solution.flow, (std::vector<int32_t>{1, 1, 1, 1}));
  // Reduced costs of arcs carrying flow below capacity are zero.
  EXPECT_EQ(5 + solution.potential[s] - solution.potential[b], 0);
}

TEST(FlowTest, InfeasibleNetworkIsReported) {
  FlowNetwork net;
  const int32_t s = net.AddNode(2);
  const int32_t t = net.AddNode(-2);
  net.AddArc(s, t, 1, 0);
  EXPECT_EQ(internal::SolveMinCostFlow(net).outcome, FlowOutcome::kInfeasible);
}

TEST(FlowTest, MaxFlowWithMinimumCut) {
  FlowNetwork net;
  const int32_t s = net.AddNode(0);
  const int32_t a = net.AddNode(0);
  const int32_t t = net.AddNode(0);
  net.AddArc(s, a, 3, 0);
  net.AddArc(a, t, 2, 0);
  const internal::MaxFlowSolution flow = internal::SolveMaxFlow(net, s, t);
  EXPECT_EQ(flow.value, 2);
  EXPECT_EQ(flow.source_side, (std::vector<uint8_t>{1, 1, 0}));
}

// Greedy the obvious way: every eligible pair, sorted.
std::pair<int64_t, int32_t> NaiveGreedy(const Engine& engine) {
  const Instance& in = engine.instance();
  struct P {
    int64_t score;
    int32_t e, m;
  };
  std::vector<P> pairs;
  for (int32_t e = 0; e < static_cast<int32_t>(in.mentees.size()); ++e) {
    for (int32_t m = 0; m < static_cast<int32_t>(in.mentors.size()); ++m) {
      if (engine.BrokenRules(e, m).empty()) pairs.push_back({engine.PairScore(e, m), e, m});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const P& a, const P& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.e != b.e) return a.e < b.e;
    return a.m < b.m;
  });
  std::vector<int32_t> room(in.mentors.size());
  for (size_t m = 0; m < in.mentors.size(); ++m) room[m] = in.mentors[m].capacity;
  std::vector<uint8_t> done(in.mentees.size(), 0);
  int64_t total = 0;
  int32_t matched = 0;
  for (const P& p : pairs) {
    if (done[p.e] || room[p.m] == 0) continue;
    done[p.e] = 1;
    --room[p.m];
    total += p.score;
    ++matched;
  }
  return {total, matched};
}

TEST(GreedyTest, DeferredAcceptanceEqualsSortingEveryPair) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SyntheticOptions o;
    o.mentees = 150 + 40 * static_cast<int32_t>(seed);
    o.mentors = 30 + 5 * static_cast<int32_t>(seed);
    o.capacity_max = seed % 2 ? 2 : 5;
    o.seed = seed;
    EngineOptions options;
    options.threads = 1 + static_cast<int>(seed % 2);
    Result<Engine> engine = Engine::Create(MakeSyntheticInstance(o), options);
    ASSERT_TRUE(engine.ok());
    Result<MatchResult> r = engine->Solve();
    ASSERT_TRUE(r.ok());
    const auto [total, matched] = NaiveGreedy(*engine);
    ASSERT_TRUE(r->greedy_total_score.has_value());
    EXPECT_EQ(*r->greedy_total_score, total) << "seed " << seed;
    EXPECT_EQ(r->greedy_matched, matched) << "seed " << seed;
    EXPECT_TRUE(r->optimal);
    EXPECT_GE(r->total_score, total);
  }
}

TEST(SolverTest, PricesFromSamplesGiveTheSameProvenAnswer) {
  // Enough mentees for the price sample to run; compared with every pair as a candidate.
  SyntheticOptions o;
  o.mentees = 3200;
  o.mentors = 60;
  o.capacity_max = 4;
  const Instance in = MakeSyntheticInstance(o);
  Result<Engine> sampled = Engine::Create(in);
  EngineOptions all;
  all.candidates_per_mentee = 60;
  all.compute_greedy = false;
  Result<Engine> complete = Engine::Create(in, all);
  ASSERT_TRUE(sampled.ok() && complete.ok());
  Result<MatchResult> a = sampled->Solve();
  Result<MatchResult> b = complete->Solve();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->stats.price_sample_ms, 0.0);
  EXPECT_TRUE(a->optimal);
  EXPECT_TRUE(b->optimal);
  EXPECT_EQ(a->total_score, b->total_score);
  EXPECT_EQ(a->matched, b->matched);
  EXPECT_FALSE(a->stats.rounds.empty());
}

}  // namespace
}  // namespace pairwise::matching
