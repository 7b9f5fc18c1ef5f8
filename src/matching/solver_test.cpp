#include "matching/solver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>

#include "matching/candidates.h"
#include "matching/engine.h"
#include "matching/flow.h"
#include "matching/model.h"
#include "matching/scoring.h"
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
  // Rows that run out of pairs are rescanned whole (limit 0), pair by pair (a large limit) or
  // as it comes (-1): the same answer every way. Seeds 7 and 8 allow every pair, so that rows
  // run out of their lists while mentors still have room (but for other departments and many
  // forbidden pairs).
  int64_t rescored_whole = 0;
  int64_t checked_pairwise = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SyntheticOptions o;
    o.mentees =
        seed <= 6 ? 150 + 40 * static_cast<int32_t>(seed) : 300 * static_cast<int32_t>(seed - 6);
    o.mentors = seed <= 6 ? 30 + 5 * static_cast<int32_t>(seed) : 100;
    o.capacity_max = seed % 2 ? 2 : 5;
    o.typical_rules = seed <= 6;
    o.forbidden_per_mentee = seed <= 6 ? 0.01 : 10;
    o.seed = seed;
    Instance in = MakeSyntheticInstance(o);
    in.rules.other_department = true;
    for (const int limit : {0, -1, 1 << 30}) {
      const std::string where = "seed " + std::to_string(seed) + ", limit " + std::to_string(limit);
      EngineOptions options;
      options.threads = 1 + static_cast<int>(seed % 2);
      options.greedy_pair_by_pair_limit = limit;
      Result<Engine> engine = Engine::Create(in, options);
      ASSERT_TRUE(engine.ok());
      Result<MatchResult> r = engine->Solve();
      ASSERT_TRUE(r.ok());
      const auto [total, matched] = NaiveGreedy(*engine);
      ASSERT_TRUE(r->greedy_total_score.has_value());
      EXPECT_EQ(*r->greedy_total_score, total) << where;
      EXPECT_EQ(r->greedy_matched, matched) << where;
      EXPECT_TRUE(r->optimal);
      EXPECT_GE(r->total_score, total);
      if (limit == 0) rescored_whole += r->stats.greedy_rows_rescored;
      if (limit > 0) {
        EXPECT_EQ(r->stats.greedy_rows_rescored, 0) << where;
        checked_pairwise += r->stats.greedy_rows_checked;
      }
    }
  }
  EXPECT_GT(rescored_whole, 0);
  EXPECT_GT(checked_pairwise, 0);
}

TEST(SolverTest, PricesFromSamplesGiveTheSameProvenAnswer) {
  // Samples of 1 in 64 and 1 in 8 mentees (50 and 400 rows of 64 and 8 units) set the prices;
  // compared with every pair as a candidate. Scarce mentors (the samples solved by network
  // simplex) and room for all (by the auction, its rows bidding as that many units).
  for (const bool balanced : {false, true}) {
    SyntheticOptions o;
    o.mentees = 3200;
    o.mentors = balanced ? 400 : 60;
    o.capacity_min = balanced ? 7 : 1;
    o.capacity_max = balanced ? 9 : 4;
    const Instance in = MakeSyntheticInstance(o);
    EngineOptions options;
    options.smallest_price_sample = 40;
    Result<Engine> sampled = Engine::Create(in, options);
    EngineOptions all;
    all.candidates_per_mentee = o.mentors;
    all.compute_greedy = false;
    Result<Engine> complete = Engine::Create(in, all);
    ASSERT_TRUE(sampled.ok() && complete.ok());
    Result<MatchResult> a = sampled->Solve();
    Result<MatchResult> b = complete->Solve();
    ASSERT_TRUE(a.ok() && b.ok());
    const std::string where = balanced ? "balanced" : "scarce";
    EXPECT_EQ(a->stats.price_samples, 2) << where;
    EXPECT_EQ(b->stats.price_samples, 0) << where;
    if (balanced) {
      EXPECT_GT(a->stats.price_sample_auctions, 0) << where;
    } else {
      EXPECT_EQ(a->stats.price_sample_auctions, 0) << where;
    }
    EXPECT_TRUE(a->optimal) << where;
    EXPECT_TRUE(b->optimal) << where;
    EXPECT_EQ(a->total_score, b->total_score) << where;
    EXPECT_EQ(a->matched, b->matched) << where;
    EXPECT_FALSE(a->stats.rounds.empty()) << where;
  }
}

TEST(SolverTest, RepairedReSolvesGiveTheAnswerOfEveryPairAsCandidate) {
  // One candidate per mentee forces pricing rounds, which repair the previous answer; with
  // every pair as a candidate there is one round. Scarce, balanced and plentiful mentors,
  // each objective.
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    for (Objective objective : {Objective::kTotal, Objective::kCoverage, Objective::kFairness}) {
      SyntheticOptions o;
      o.mentees = 300;
      o.mentors = 40 + 40 * static_cast<int32_t>(seed % 3);
      o.seed = seed;
      Instance in = MakeSyntheticInstance(o);
      in.objective = objective;
      EngineOptions one;
      one.candidates_per_mentee = 1;
      one.threads = 1 + static_cast<int>(seed % 2);
      EngineOptions all;
      all.candidates_per_mentee = o.mentors;
      Result<Engine> a = Engine::Create(in, one);
      Result<Engine> b = Engine::Create(in, all);
      ASSERT_TRUE(a.ok() && b.ok());
      Result<MatchResult> repaired = a->Solve();
      Result<MatchResult> complete = b->Solve();
      ASSERT_TRUE(repaired.ok() && complete.ok());
      const std::string where =
          "seed " + std::to_string(seed) + ", " + std::string(ObjectiveName(objective));
      EXPECT_TRUE(repaired->optimal) << where;
      EXPECT_TRUE(complete->optimal) << where;
      EXPECT_EQ(repaired->total_score, complete->total_score) << where;
      EXPECT_EQ(repaired->matched, complete->matched) << where;
      EXPECT_GT(repaired->stats.repairs, 0) << where;
      EXPECT_EQ(repaired->stats.repairs, repaired->stats.repairs_tried) << where;
    }
  }
}

TEST(PricingTest, FindsAnImprovingLeftOutPairWheneverThereIsOne) {
  // Against every pair, for random duals: pricing adds only improving pairs that were left
  // out, and adds none only when no left-out pair improves. With raw lists (score bounds) and
  // without, on one thread and two; with 40 to 430 mentors, so that rows are checked pair by
  // pair (few mentors to check) and rescored whole (many).
  std::mt19937_64 rng(7);
  int64_t rows_rescored = 0;
  int64_t pairs_checked = 0;
  for (int trial = 0; trial < 40; ++trial) {
    SyntheticOptions o;
    o.mentees = 120;
    o.mentors = 40 + 10 * trial;
    o.seed = 100 + trial;
    Result<std::unique_ptr<internal::Model>> built =
        internal::BuildModel(MakeSyntheticInstance(o), EngineOptions{});
    ASSERT_TRUE(built.ok());
    const internal::Model& model = **built;
    internal::ScanScope scope;
    scope.model = &model;
    scope.threads = 1 + trial % 2;
    for (int32_t e = 0; e < model.mentee_count; ++e) scope.mentees.push_back(e);
    std::vector<int32_t> room(model.mentor_capacity);
    for (int32_t& r : room) r = rng() % 4 == 0 ? 0 : r;  // some mentors full
    internal::SelectOptions select;
    select.k = 1 + trial % 3;
    select.raw_k = trial % 2 == 0 ? 4 : 0;
    internal::CandidateSet set = internal::SelectCandidates(scope, room, select);
    const internal::ArcWeight weight{static_cast<int64_t>(scope.rows()) + 1, 1, 0};
    int32_t top = 1;
    for (int32_t e = 0; e < model.mentee_count; ++e) {
      for (int32_t m = 0; m < model.mentor_count; ++m) {
        top = std::max(top, internal::PairScore(model, e, m));
      }
    }
    // Three rounds of pricing on the same candidates, as the solver does: later rounds use the
    // bounds and scores the earlier ones left.
    std::vector<int64_t> row_dual(scope.rows()), mentor_dual(model.mentor_count);
    for (int pass = 0; pass < 3; ++pass) {
      const std::string where = "trial " + std::to_string(trial) + ", pass " + std::to_string(pass);
      if (pass == 0) {
        for (int64_t& u : row_dual) u = weight.Of(static_cast<int32_t>(rng() % top)) / 2;
        for (int64_t& v : mentor_dual) v = weight.Of(static_cast<int32_t>(rng() % top)) / 2;
      } else {
        // Duals that move a little, as between rounds.
        for (int64_t& u : row_dual) u += weight.scale * (static_cast<int64_t>(rng() % 41) - 20);
        for (int64_t& v : mentor_dual) v += weight.scale * (static_cast<int64_t>(rng() % 41) - 20);
      }

      std::set<std::pair<int32_t, int32_t>> kept;
      for (int32_t r = 0; r < set.rows(); ++r) {
        for (const internal::Candidate* c = set.BaseBegin(r); c != set.BaseEnd(r); ++c) {
          kept.insert({r, c->mentor});
        }
        for (const internal::Candidate& c : set.extra[r]) kept.insert({r, c.mentor});
      }
      int64_t improving = 0;
      for (int32_t r = 0; r < set.rows(); ++r) {
        for (int32_t m = 0; m < model.mentor_count; ++m) {
          if (room[m] <= 0 || kept.count({r, m}) || !internal::Eligible(model, r, m)) continue;
          if (weight.Of(internal::PairScore(model, r, m)) > row_dual[r] + mentor_dual[m]) {
            ++improving;
          }
        }
      }
      const internal::PricingOutcome priced =
          internal::PriceLeftOutPairs(scope, set, room, weight, row_dual, mentor_dual, 1000);
      EXPECT_EQ(priced.pairs_added, improving) << where;
      rows_rescored += priced.rows_scanned;
      pairs_checked += priced.pairs_checked;
      for (int32_t r = 0; r < set.rows(); ++r) {
        for (const internal::Candidate& c : set.extra[r]) {
          if (kept.count({r, c.mentor})) continue;
          EXPECT_TRUE(internal::Eligible(model, r, c.mentor)) << where;
          EXPECT_EQ(c.score, internal::PairScore(model, r, c.mentor)) << where;
          EXPECT_GT(weight.Of(c.score), row_dual[r] + mentor_dual[c.mentor]) << where;
        }
      }
    }
  }
  EXPECT_GT(rows_rescored, 0);
  EXPECT_GT(pairs_checked, 0);
}

TEST(SelectCandidatesTest, ExplicitListsReadSparselyEqualTheFullScan) {
  // With explicit pairs each row is read from its list; the result must be the full scan's,
  // field by field: with mentors full, prices, extra exclusions, short and long k, raw lists,
  // management chains and forbids that exclude listed pairs, on one thread and two.
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 24; ++trial) {
    const std::string where = "trial " + std::to_string(trial);
    SyntheticOptions o;
    o.mentees = 90;
    o.mentors = 30 + 7 * trial;
    o.seed = 500 + trial;
    Instance instance = MakeSyntheticInstance(o);
    instance.pinned.clear();
    // The chains decide which pairs may be listed: a model without the list tells.
    Result<std::unique_ptr<internal::Model>> plain =
        internal::BuildModel(instance, EngineOptions{});
    ASSERT_TRUE(plain.ok()) << plain.status().ToString();
    std::vector<ScoredPair> pairs;
    for (int32_t e = 0; e < (*plain)->mentee_count; ++e) {
      for (int32_t m = 0; m < (*plain)->mentor_count; ++m) {
        if (rng() % 4 != 0) continue;
        if (!internal::PassesRule(**plain, HardRule::kManagementChain, e, m)) continue;
        // Few distinct scores, so that ties decide.
        pairs.push_back({instance.mentees[e].person.id, instance.mentors[m].person.id,
                         static_cast<int64_t>(rng() % 6) * 100});
      }
    }
    instance.pairs = std::move(pairs);
    Result<std::unique_ptr<internal::Model>> built =
        internal::BuildModel(std::move(instance), EngineOptions{});
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const internal::Model& model = **built;
    ASSERT_TRUE(model.explicit_pairs);
    internal::ScanScope scope;
    scope.model = &model;
    scope.threads = 1 + trial % 2;
    for (int32_t e = 0; e < model.mentee_count; ++e) {
      if (rng() % 8 != 0) scope.mentees.push_back(e);
    }
    scope.excluded.resize(scope.mentees.size());
    for (auto& excluded : scope.excluded) {
      if (rng() % 3 == 0) excluded.push_back(static_cast<int32_t>(rng() % model.mentor_count));
    }
    std::vector<int32_t> room(model.mentor_capacity);
    for (int32_t& r : room) r = rng() % 4 == 0 ? 0 : r;
    std::vector<int32_t> price(model.mentor_count, 0);
    if (trial % 3 != 0) {
      for (int32_t& p : price) p = static_cast<int32_t>(rng() % 300);
    }
    internal::SelectOptions select;
    select.k = trial % 4 == 3 ? 64 : 1 + trial % 4;
    select.raw_k = trial % 3 == 0 ? 0 : (trial % 3 == 1 ? 3 : 32);
    select.price = &price;
    const internal::CandidateSet sparse = internal::SelectCandidates(scope, room, select);
    select.sparse_explicit = false;
    const internal::CandidateSet full = internal::SelectCandidates(scope, room, select);

    auto pairs_of = [](const internal::Candidate* begin, const internal::Candidate* end) {
      std::vector<std::pair<int32_t, int32_t>> out;
      for (const internal::Candidate* c = begin; c != end; ++c)
        out.emplace_back(c->mentor, c->score);
      return out;
    };
    int64_t kept = 0;
    for (int32_t r = 0; r < full.rows(); ++r) {
      const std::string row = where + ", row " + std::to_string(r);
      EXPECT_EQ(pairs_of(sparse.BaseBegin(r), sparse.BaseEnd(r)),
                pairs_of(full.BaseBegin(r), full.BaseEnd(r)))
          << row;
      EXPECT_EQ(pairs_of(sparse.extra[r].data(), sparse.extra[r].data() + sparse.extra[r].size()),
                pairs_of(full.extra[r].data(), full.extra[r].data() + full.extra[r].size()))
          << row;
      kept += full.base_count[r];
    }
    EXPECT_GT(kept, 0) << where;
    EXPECT_EQ(sparse.eligible, full.eligible) << where;
    EXPECT_EQ(sparse.left_out_bound, full.left_out_bound) << where;
    EXPECT_EQ(sparse.left_out_score, full.left_out_score) << where;
    EXPECT_EQ(sparse.block_bound, full.block_bound) << where;
    EXPECT_EQ(sparse.raw.count, full.raw.count) << where;
    EXPECT_EQ(sparse.raw.more, full.raw.more) << where;
    for (int32_t r = 0; r < full.rows() && full.raw.k > 0; ++r) {
      EXPECT_EQ(pairs_of(sparse.raw.Begin(r), sparse.raw.End(r)),
                pairs_of(full.raw.Begin(r), full.raw.End(r)))
          << where << ", raw row " << r;
    }
  }
}

}  // namespace
}  // namespace pairwise::matching
