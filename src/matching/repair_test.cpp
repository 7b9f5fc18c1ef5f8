#include "matching/repair.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "matching/flow.h"

namespace pairwise::matching::internal {
namespace {

struct Pair {
  int32_t row = 0;
  int32_t mentor = 0;
  int64_t weight = 0;
};

struct Problem {
  int32_t rows = 0;
  std::vector<int32_t> capacity;
  std::vector<Pair> pairs;
};

PairGraph GraphOf(const Problem& problem) {
  PairGraph graph;
  graph.rows = problem.rows;
  graph.mentors = static_cast<int32_t>(problem.capacity.size());
  std::vector<Pair> sorted = problem.pairs;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Pair& a, const Pair& b) { return a.row < b.row; });
  graph.row_begin.assign(1, 0);
  size_t next = 0;
  for (int32_t r = 0; r < problem.rows; ++r) {
    for (; next < sorted.size() && sorted[next].row == r; ++next) {
      graph.mentor.push_back(sorted[next].mentor);
      graph.weight.push_back(sorted[next].weight);
    }
    graph.row_begin.push_back(graph.pair_count());
  }
  return graph;
}

// The best total by network simplex from scratch (the reference).
int64_t BestTotal(const Problem& problem) {
  FlowNetwork net;
  const int32_t mentors = static_cast<int32_t>(problem.capacity.size());
  for (int32_t r = 0; r < problem.rows; ++r) net.AddNode(0);
  int32_t total = 0;
  for (int32_t m = 0; m < mentors; ++m) {
    net.AddNode(problem.capacity[m]);
    total += problem.capacity[m];
  }
  const int32_t sink = net.AddNode(-total);
  for (const Pair& p : problem.pairs) net.AddArc(problem.rows + p.mentor, p.row, 1, -p.weight);
  for (int32_t r = 0; r < problem.rows; ++r) net.AddArc(r, sink, 1, 0);
  for (int32_t m = 0; m < mentors; ++m) net.AddArc(problem.rows + m, sink, problem.capacity[m], 0);
  const FlowSolution solution = SolveMinCostFlow(net);
  EXPECT_EQ(solution.outcome, FlowOutcome::kOptimal);
  int64_t best = 0;
  for (size_t a = 0; a < problem.pairs.size(); ++a) {
    if (solution.flow[a] > 0) best += problem.pairs[a].weight;
  }
  return best;
}

int64_t TotalOf(const PairGraph& graph, const BMatching& matching) {
  int64_t total = 0;
  for (int32_t p : matching.pair_of_row) {
    if (p >= 0) total += graph.weight[p];
  }
  return total;
}

// Checks the optimality conditions of repair.h on every pair, independently of the repair.
void ExpectCertificate(const PairGraph& graph, const std::vector<int32_t>& capacity,
                       const BMatching& matching) {
  ASSERT_EQ(matching.pair_of_row.size(), static_cast<size_t>(graph.rows));
  std::vector<int32_t> taken(graph.mentors, 0);
  for (int32_t r = 0; r < graph.rows; ++r) {
    const int32_t own = matching.pair_of_row[r];
    const int64_t u = matching.row_dual[r];
    EXPECT_GE(u, 0) << "row " << r;
    if (own < 0) {
      EXPECT_EQ(u, 0) << "unmatched row " << r;
    } else {
      ASSERT_GE(own, graph.row_begin[r]);
      ASSERT_LT(own, graph.row_begin[r + 1]);
      ++taken[graph.mentor[own]];
      EXPECT_EQ(u + matching.mentor_dual[graph.mentor[own]], graph.weight[own]) << "row " << r;
    }
    for (int64_t p = graph.row_begin[r]; p < graph.row_begin[r + 1]; ++p) {
      EXPECT_GE(u + matching.mentor_dual[graph.mentor[p]], graph.weight[p]) << "pair " << p;
    }
  }
  for (int32_t m = 0; m < graph.mentors; ++m) {
    EXPECT_LE(taken[m], capacity[m]);
    EXPECT_GE(matching.mentor_dual[m], 0);
    if (taken[m] < capacity[m]) {
      EXPECT_EQ(matching.mentor_dual[m], 0) << "mentor " << m;
    }
  }
}

BMatching Empty(int32_t rows, int32_t mentors) {
  BMatching matching;
  matching.pair_of_row.assign(rows, -1);
  matching.row_dual.assign(rows, 0);
  matching.mentor_dual.assign(mentors, 0);
  return matching;
}

// Each (row, mentor) at most once, weights in [0, max_weight] times `scale`.
Problem RandomProblem(std::mt19937_64& rng, int32_t rows, int32_t mentors, double density,
                      int64_t max_weight, int64_t scale) {
  Problem problem;
  problem.rows = rows;
  std::uniform_int_distribution<int32_t> cap(1, 3);
  for (int32_t m = 0; m < mentors; ++m) problem.capacity.push_back(cap(rng));
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<int64_t> w(0, max_weight);
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t m = 0; m < mentors; ++m) {
      if (coin(rng) < density) problem.pairs.push_back({r, m, w(rng) * scale + 1});
    }
  }
  std::shuffle(problem.pairs.begin(), problem.pairs.end(), rng);
  return problem;
}

// The matching of `old_graph` carried over to `graph` (same rows, more pairs), by mentor.
BMatching CarryOver(const PairGraph& old_graph, const BMatching& old, const PairGraph& graph) {
  BMatching carried = old;
  for (int32_t r = 0; r < graph.rows; ++r) {
    const int32_t own = old.pair_of_row[r];
    if (own < 0) continue;
    carried.pair_of_row[r] = -1;
    for (int64_t p = graph.row_begin[r]; p < graph.row_begin[r + 1]; ++p) {
      if (graph.mentor[p] == old_graph.mentor[own])
        carried.pair_of_row[r] = static_cast<int32_t>(p);
    }
  }
  return carried;
}

TEST(RepairTest, FromNothingSolvesASmallProgram) {
  // Two rows, one mentor with room for one: the heavier pair wins.
  Problem problem{2, {1}, {{0, 0, 5}, {1, 0, 7}}};
  const PairGraph graph = GraphOf(problem);
  BMatching matching = Empty(2, 1);
  ASSERT_TRUE(RepairBMatching(graph, problem.capacity, matching));
  EXPECT_EQ(matching.pair_of_row, (std::vector<int32_t>{-1, 1}));
  EXPECT_EQ(TotalOf(graph, matching), 7);
  ExpectCertificate(graph, problem.capacity, matching);
}

TEST(RepairTest, AnImprovingPairMovesARowAlongAPath) {
  // Row 0 holds mentor 0; a new pair lets row 1 take mentor 0 only if row 0 moves to mentor 1.
  Problem before{2, {1, 1}, {{0, 0, 10}, {1, 1, 1}}};
  PairGraph old_graph = GraphOf(before);
  BMatching matching = Empty(2, 2);
  ASSERT_TRUE(RepairBMatching(old_graph, before.capacity, matching));
  EXPECT_EQ(TotalOf(old_graph, matching), 11);
  Problem after = before;
  after.pairs.push_back({0, 1, 9});
  after.pairs.push_back({1, 0, 12});
  const PairGraph graph = GraphOf(after);
  BMatching carried = CarryOver(old_graph, matching, graph);
  RepairStats stats;
  ASSERT_TRUE(RepairBMatching(graph, after.capacity, carried, {}, &stats));
  EXPECT_EQ(TotalOf(graph, carried), 21);
  EXPECT_EQ(BestTotal(after), 21);
  EXPECT_GE(stats.rows_reinserted, 1);
  ExpectCertificate(graph, after.capacity, carried);
}

TEST(RepairTest, MalformedInputIsDeclinedAndLeftAlone) {
  Problem problem{2, {1}, {{0, 0, 5}, {1, 0, 7}}};
  const PairGraph graph = GraphOf(problem);
  BMatching matching = Empty(2, 1);
  matching.pair_of_row = {0, 1};  // two rows on a mentor with room for one
  const BMatching before = matching;
  EXPECT_FALSE(RepairBMatching(graph, problem.capacity, matching));
  EXPECT_EQ(matching.pair_of_row, before.pair_of_row);
  matching.pair_of_row = {1, -1};  // row 0 on a pair of row 1
  EXPECT_FALSE(RepairBMatching(graph, problem.capacity, matching));
  BMatching short_duals = Empty(2, 1);
  short_duals.row_dual.pop_back();
  EXPECT_FALSE(RepairBMatching(graph, problem.capacity, short_duals));
  BMatching fine = Empty(2, 1);
  EXPECT_FALSE(RepairBMatching(graph, {0}, fine));  // a pair with a mentor without room
}

TEST(RepairTest, GivesUpAtTheWorkLimitAndLeavesTheAnswerAlone) {
  std::mt19937_64 rng(5);
  const Problem problem = RandomProblem(rng, 30, 6, 0.5, 40, 1);
  const PairGraph graph = GraphOf(problem);
  BMatching matching = Empty(problem.rows, 6);
  const BMatching before = matching;
  RepairOptions options;
  options.max_nodes_settled = 3;
  RepairStats stats;
  EXPECT_FALSE(RepairBMatching(graph, problem.capacity, matching, options, &stats));
  EXPECT_EQ(matching.pair_of_row, before.pair_of_row);
  EXPECT_EQ(matching.row_dual, before.row_dual);
  EXPECT_GT(stats.nodes_settled, 3);
}

TEST(RepairTest, FromNothingMatchesNetworkSimplexOnRandomPrograms) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::uniform_int_distribution<int32_t> size(1, 14);
    const int64_t scale = trial % 3 == 0 ? 1000003 : 1;
    const Problem problem = RandomProblem(rng, size(rng), size(rng) / 2 + 1, 0.4, 30, scale);
    const PairGraph graph = GraphOf(problem);
    BMatching matching = Empty(problem.rows, static_cast<int32_t>(problem.capacity.size()));
    ASSERT_TRUE(RepairBMatching(graph, problem.capacity, matching)) << "trial " << trial;
    EXPECT_EQ(TotalOf(graph, matching), BestTotal(problem)) << "trial " << trial;
    ExpectCertificate(graph, problem.capacity, matching);
  }
}

// The re-solve of the matching engine: solve with some pairs, add pairs, repair; the repair
// must reach the same total as a solve from scratch, with a certificate.
TEST(RepairTest, AfterAddingPairsMatchesASolveFromScratch) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    std::uniform_int_distribution<int32_t> size(2, 40);
    const int32_t rows = size(rng);
    const int32_t mentors = std::max(1, size(rng) / 3);
    const int64_t scale = trial % 2 == 0 ? 100001 : 1;
    const Problem full = RandomProblem(rng, rows, mentors, 0.5, 50, scale);
    // A first solve over a part of the pairs, then all of them.
    Problem part = full;
    part.pairs.resize(full.pairs.size() * (trial % 4 + 1) / 6);
    const PairGraph part_graph = GraphOf(part);
    BMatching matching = Empty(rows, mentors);
    ASSERT_TRUE(RepairBMatching(part_graph, part.capacity, matching)) << "trial " << trial;
    ASSERT_EQ(TotalOf(part_graph, matching), BestTotal(part)) << "trial " << trial;
    const PairGraph graph = GraphOf(full);
    BMatching carried = CarryOver(part_graph, matching, graph);
    ASSERT_TRUE(RepairBMatching(graph, full.capacity, carried)) << "trial " << trial;
    EXPECT_EQ(TotalOf(graph, carried), BestTotal(full)) << "trial " << trial;
    ExpectCertificate(graph, full.capacity, carried);
  }
}

TEST(RepairTest, AnyStartingDualsAndAnswerGiveTheOptimum) {
  std::mt19937_64 rng(13);
  for (int trial = 0; trial < 200; ++trial) {
    const Problem problem = RandomProblem(rng, 25, 8, 0.5, 40, 1);
    const PairGraph graph = GraphOf(problem);
    const int32_t mentors = static_cast<int32_t>(problem.capacity.size());
    // A feasible but arbitrary answer (first fit in a random order) and random duals.
    BMatching matching = Empty(problem.rows, mentors);
    std::vector<int32_t> room = problem.capacity;
    std::uniform_int_distribution<int64_t> dual(-20, 60);
    for (int32_t r = 0; r < problem.rows; ++r) {
      for (int64_t p = graph.row_begin[r]; p < graph.row_begin[r + 1]; ++p) {
        if (room[graph.mentor[p]] > 0 && rng() % 3 == 0) {
          --room[graph.mentor[p]];
          matching.pair_of_row[r] = static_cast<int32_t>(p);
          break;
        }
      }
      matching.row_dual[r] = dual(rng);
    }
    for (int32_t m = 0; m < mentors; ++m) matching.mentor_dual[m] = dual(rng);
    ASSERT_TRUE(RepairBMatching(graph, problem.capacity, matching)) << "trial " << trial;
    EXPECT_EQ(TotalOf(graph, matching), BestTotal(problem)) << "trial " << trial;
    ExpectCertificate(graph, problem.capacity, matching);
  }
}

}  // namespace
}  // namespace pairwise::matching::internal
