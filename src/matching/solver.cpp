#include "matching/solver.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "matching/auction.h"
#include "matching/flow.h"
#include "matching/greedy.h"
#include "matching/parallel.h"
#include "matching/repair.h"
#include "matching/row_scan.h"

namespace pairwise::matching::internal {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

constexpr int kMaxPricingRounds = 50;
// Solve + price rounds on a sample (its duals are only prices): the second round's solve
// takes the pairs the first one's pricing found; a third changed the prices little and cost
// the balanced program ~0.5 s (with one round, its first full round added far more pairs).
constexpr int kSampleRounds = 2;
constexpr int32_t kSampleFactor = 8;       // each sample level keeps 1 row in 8
constexpr int32_t kSmallestSample = 1500;  // rows; no sample below twice this
constexpr int32_t kRawCandidates = 32;     // raw best pairs per row for the greedy baseline
// Re-solves keep the candidate pairs whose reduced cost under the previous duals is at most
// this many score points.
constexpr int64_t kFilterSlack = 200;
// When mentors are scarce (more than 1 row in kRepairUnmatchedShare with a candidate pair left
// unmatched), nearly every mentor is priced at its best unmatched mentee, and a repair's
// search that reaches T (a row that would rather go unmatched) reaches most of the network:
// network simplex on the filtered network was then much faster than repairing a round with
// many new pairs (docs/matching.md, Performance). So a scarce program's re-solve is repaired
// only when the rows to place again (estimated as the conditions that failed plus the pairs added)
// times (rows + mentors) stays within kRepairScarceBudget. A repair gives up, and the round
// solves from scratch, once its searches have settled kRepairWork (scarce:
// kRepairScarceWork) times (rows + mentors) nodes, never fewer than kRepairMinWork.
constexpr int32_t kRepairUnmatchedShare = 20;
constexpr int64_t kRepairScarceBudget = 1000000;
constexpr int64_t kRepairWork = 100;
constexpr int64_t kRepairScarceWork = 2;
constexpr int64_t kRepairMinWork = 100000;

// Which mentors may take mentees in one flow, and within what bounds.
struct MentorBounds {
  std::vector<int32_t> upper;  // per mentor (0: no room)
  std::vector<int32_t> lower;  // per mentor; empty: all 0
};

// One answer for the rows.
struct Assignment {
  std::vector<int32_t> mentor_of_row;  // unit rows only
  std::vector<int32_t> score_of_row;
  __int128 weight = 0;               // sum of the arc weights used
  int32_t matched = 0;               // units matched
  std::vector<int64_t> row_dual;     // u, in weight units
  std::vector<int64_t> mentor_dual;  // v, in weight units; 0 without room
};

// The network of a candidate set, mentor side first: each mentor with room supplies its room,
// sends it to rows over pair arcs (cost -weight) or keeps it (a bypass straight to the sink),
// and each row passes at most `units` on to the sink. (Network simplex runs markedly faster on
// this orientation than with the rows as the supply side.)
struct PairNetwork {
  FlowNetwork net;
  std::vector<int32_t> node_row;  // row of network row node i (nodes 0 .. rows-1)
  std::vector<int32_t> row_node;  // per row: its node, -1 when frozen
  int32_t sink = 0;
  std::vector<int32_t> mentor_node;  // per mentor, -1 without room
  int32_t pair_arcs = 0;             // arcs 0 .. pair_arcs-1 are pair arcs
  int32_t first_row_arc = 0;         // then one row -> sink arc per row node
  int32_t first_bypass_arc = 0;      // then one bypass per mentor node
  std::vector<int32_t> arc_mentor;   // per pair arc
  std::vector<int32_t> arc_score;
  std::vector<int32_t> arc_row;

  int32_t row_nodes() const { return static_cast<int32_t>(node_row.size()); }
};

// What a re-solve leaves out: with the previous round's duals, only candidate pairs with a
// small reduced cost go to the solver, and rows with nothing to reconsider keep their answer
// and stay out of the network (frozen).
struct PairFilter {
  const std::vector<int64_t>* row_dual = nullptr;
  const std::vector<int64_t>* mentor_dual = nullptr;
  int64_t max_reduced_cost = 0;                    // in weight units
  const std::vector<uint8_t>* frozen = nullptr;    // per row
  const std::vector<int32_t>* assigned = nullptr;  // per row: mentor, -1 (for frozen rows)

  bool Keeps(int32_t r, int32_t m, int64_t w) const {
    return row_dual == nullptr ||
           static_cast<__int128>((*row_dual)[r]) + (*mentor_dual)[m] - w <= max_reduced_cost;
  }
  bool Frozen(int32_t r) const { return frozen != nullptr && (*frozen)[r]; }
};

PairNetwork BuildPairNetwork(const Model& model, const CandidateSet& candidates,
                             const MentorBounds& bounds, const ArcWeight& weight, int32_t units,
                             const PairFilter& filter) {
  PairNetwork p;
  const int32_t rows = candidates.rows();
  FlowNetwork& net = p.net;
  p.row_node.assign(rows, -1);
  std::vector<int32_t> frozen_count(model.mentor_count, 0);
  for (int32_t r = 0; r < rows; ++r) {
    if (filter.Frozen(r)) {
      if ((*filter.assigned)[r] >= 0) ++frozen_count[(*filter.assigned)[r]];
      continue;
    }
    p.row_node[r] = net.AddNode(0);
    p.node_row.push_back(r);
  }
  p.mentor_node.assign(model.mentor_count, -1);
  int32_t total = 0;
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    if (bounds.upper[m] <= 0) continue;
    const int32_t supply = bounds.upper[m] - frozen_count[m];
    p.mentor_node[m] = net.AddNode(supply);
    total += supply;
  }
  p.sink = net.AddNode(-total);
  const int64_t arcs = candidates.PairCount() + rows + model.mentor_count;
  net.source.reserve(arcs);
  net.target.reserve(arcs);
  net.upper.reserve(arcs);
  net.cost.reserve(arcs);
  p.arc_mentor.reserve(arcs);
  p.arc_score.reserve(arcs);
  p.arc_row.reserve(arcs);
  auto add_pair = [&](int32_t r, const Candidate& c) {
    if (bounds.upper[c.mentor] <= 0 || c.score < weight.min_score) return;
    const int64_t w = weight.Of(c.score);
    if (!filter.Keeps(r, c.mentor, w)) return;
    net.AddArc(p.mentor_node[c.mentor], p.row_node[r], units, -w);
    p.arc_mentor.push_back(c.mentor);
    p.arc_score.push_back(c.score);
    p.arc_row.push_back(r);
  };
  for (int32_t r : p.node_row) {
    for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) {
      add_pair(r, *c);
    }
    for (const Candidate& c : candidates.extra[r]) add_pair(r, c);
  }
  p.pair_arcs = net.arc_count();
  p.first_row_arc = net.arc_count();
  for (int32_t i = 0; i < p.row_nodes(); ++i) net.AddArc(i, p.sink, units, 0);
  p.first_bypass_arc = net.arc_count();
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    if (p.mentor_node[m] < 0) continue;
    const int32_t supply = bounds.upper[m] - frozen_count[m];
    const int32_t lower = bounds.lower.empty() ? 0 : bounds.lower[m];
    net.AddArc(p.mentor_node[m], p.sink, supply - std::max(0, lower - frozen_count[m]), 0);
  }
  return p;
}

// Checks the flow and potentials form an optimality certificate on every arc of the network:
// conservation, bounds, and complementary slackness of the reduced costs. Trusts nothing the
// solver says about itself.
bool VerifyCertificate(const FlowNetwork& net, const std::vector<int32_t>& flow,
                       const std::vector<int64_t>& potential) {
  if (flow.size() != static_cast<size_t>(net.arc_count()) ||
      potential.size() != static_cast<size_t>(net.node_count)) {
    return false;
  }
  std::vector<int64_t> balance(net.node_count, 0);
  for (int32_t a = 0; a < net.arc_count(); ++a) {
    const int32_t f = flow[a];
    const int32_t low = net.lower.empty() ? 0 : net.lower[a];
    if (f < low || f > net.upper[a]) return false;
    balance[net.source[a]] += f;
    balance[net.target[a]] -= f;
    const __int128 reduced =
        static_cast<__int128>(net.cost[a]) + potential[net.source[a]] - potential[net.target[a]];
    if (f > low && reduced > 0) return false;
    if (f < net.upper[a] && reduced < 0) return false;
  }
  for (int32_t v = 0; v < net.node_count; ++v) {
    if (balance[v] != net.supply[v]) return false;
  }
  return true;
}

// Raises each mentor's potential to the highest value its arcs allow, then lowers each row's
// to the lowest: the result is still a certificate (each move stays within what
// complementary slackness permits given the others) and the duals u + v come out as high as
// they can, which makes the pricing of left-out pairs as selective as it can be. Mentors the
// solver left loose get the natural price 0 instead of an arbitrary one.
void TightenPotentials(const PairNetwork& p, const std::vector<int32_t>& flow,
                       std::vector<int64_t>& pi) {
  const FlowNetwork& net = p.net;
  const __int128 kInf = static_cast<__int128>(INT64_MAX) * 4;
  const __int128 pi_sink = pi[p.sink];
  // A mentor's potential is bounded above by its arcs that carry flow (reduced cost <= 0).
  std::vector<__int128> high(net.node_count, kInf);
  for (int32_t a = 0; a < p.pair_arcs; ++a) {
    if (flow[a] == 0) continue;
    const int32_t m = net.source[a];
    high[m] = std::min<__int128>(high[m], static_cast<__int128>(pi[net.target[a]]) - net.cost[a]);
  }
  for (int32_t a = p.first_bypass_arc; a < net.arc_count(); ++a) {
    if (flow[a] > 0) high[net.source[a]] = std::min(high[net.source[a]], pi_sink);
  }
  for (int32_t m : p.mentor_node) {
    if (m >= 0 && high[m] < kInf) pi[m] = static_cast<int64_t>(high[m]);
  }
  // A row's potential is bounded below by its arcs in that carry flow and by its arc out when
  // that has room left (reduced cost >= 0).
  std::vector<__int128> low(p.row_nodes(), -kInf);
  for (int32_t a = 0; a < p.pair_arcs; ++a) {
    if (flow[a] == 0) continue;
    const int32_t r = net.target[a];
    low[r] = std::max<__int128>(low[r], static_cast<__int128>(pi[net.source[a]]) + net.cost[a]);
  }
  for (int32_t r = 0; r < p.row_nodes(); ++r) {
    if (flow[p.first_row_arc + r] < net.upper[p.first_row_arc + r]) {
      low[r] = std::max(low[r], pi_sink);
    }
    if (low[r] > -kInf) pi[r] = static_cast<int64_t>(low[r]);
  }
}

// Every candidate pair the flow may use, by row, for the warm-started repair.
struct CandidateGraph {
  PairGraph graph;
  std::vector<int32_t> score;  // per pair
};

CandidateGraph BuildCandidateGraph(const Model& model, const CandidateSet& candidates,
                                   const MentorBounds& bounds, const ArcWeight& weight) {
  CandidateGraph g;
  const int32_t rows = candidates.rows();
  g.graph.rows = rows;
  g.graph.mentors = model.mentor_count;
  g.graph.row_begin.reserve(static_cast<size_t>(rows) + 1);
  const int64_t pairs = candidates.PairCount();
  g.graph.mentor.reserve(pairs);
  g.graph.weight.reserve(pairs);
  g.score.reserve(pairs);
  auto add = [&](const Candidate& c) {
    if (bounds.upper[c.mentor] <= 0 || c.score < weight.min_score) return;
    g.graph.mentor.push_back(c.mentor);
    g.graph.weight.push_back(weight.Of(c.score));
    g.score.push_back(c.score);
  };
  g.graph.row_begin.push_back(0);
  for (int32_t r = 0; r < rows; ++r) {
    for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) add(*c);
    for (const Candidate& c : candidates.extra[r]) add(c);
    g.graph.row_begin.push_back(g.graph.pair_count());
  }
  return g;
}

class Optimizer {
 public:
  Optimizer(const SolveRequest& request, SolveOutcome& out)
      : request_(request), model_(*request.scope.model), out_(out) {}

  Status Run() {
    const ScanScope& scope = request_.scope;
    const int32_t rows = scope.rows();
    MentorBounds bounds;
    bounds.upper = request_.room;

    // Prices from solves on nested samples of the rows, coarsest first.
    std::vector<int32_t> price(model_.mentor_count, 0);
    const int32_t smallest_sample = model_.options.smallest_price_sample > 0
                                        ? model_.options.smallest_price_sample
                                        : kSmallestSample;
    if (!model_.explicit_pairs && rows >= 2 * smallest_sample) {
      const auto start = Clock::now();
      std::vector<int32_t> levels;  // sample rates, coarsest first
      for (int32_t rate = kSampleFactor; rows / rate >= smallest_sample; rate *= kSampleFactor) {
        levels.insert(levels.begin(), rate);
      }
      for (int32_t rate : levels) {
        PAIRWISE_RETURN_IF_ERROR(SamplePrices(bounds, rate, price));
      }
      out_.stats.price_samples = static_cast<int>(levels.size());
      out_.stats.price_sample_ms = MsSince(start);
      out_.timings.candidates_ms += out_.stats.price_sample_ms;
    }

    auto start = Clock::now();
    SelectOptions select;
    select.k = request_.k;
    select.raw_k = request_.greedy ? kRawCandidates : 0;
    select.price = &price;
    candidates_ = SelectCandidates(scope, request_.room, select);
    out_.timings.candidates_ms += MsSince(start);
    out_.eligible_of_row = candidates_.eligible;
    for (int32_t n : candidates_.eligible) out_.stats.eligible_pairs += n;
    out_.stats.candidates_per_mentee = candidates_.k;

    // The greedy baseline runs next to the flow solver, which uses one core.
    GreedyOutcome greedy;
    double greedy_ms = 0;
    std::jthread greedy_thread;
    ScanScope greedy_scope;
    RawLists raw_lists = std::move(candidates_.raw);
    if (request_.greedy) {
      greedy_scope.model = scope.model;
      greedy_scope.mentees = scope.mentees;
      greedy_scope.excluded = scope.excluded;
      greedy_scope.threads = std::max(1, scope.threads - 1);
      greedy_thread = std::jthread([&] {
        const auto greedy_start = Clock::now();
        greedy = RunGreedy(greedy_scope, raw_lists, request_.room,
                           model_.options.greedy_pair_by_pair_limit);
        greedy_ms = MsSince(greedy_start);
      });
    }
    const Status status = Optimize(bounds);
    if (greedy_thread.joinable()) greedy_thread.join();
    if (request_.greedy) {
      out_.greedy_total = greedy.total;
      out_.greedy_matched = greedy.matched;
      out_.stats.greedy_rows_rescored = greedy.rows_rescored;
      out_.stats.greedy_rows_checked = greedy.rows_checked;
      out_.timings.greedy_ms = greedy_ms;
    }
    return status;
  }

 private:
  Status Optimize(const MentorBounds& bounds) {
    const int32_t rows = request_.scope.rows();
    // Weights: with total, a pair's weight is its score scaled by rows + 1 plus 1, so more
    // pairs win only among equal totals; with coverage, a bonus larger than any total makes
    // every extra pair worth more than all scores together.
    const ArcWeight total_weight{static_cast<int64_t>(rows) + 1, 1, 0};
    const ArcWeight coverage_weight{1, static_cast<int64_t>(rows) * model_.max_pair_score + 1, 0};
    Assignment result;
    bool proven = false;
    if (request_.objective == Objective::kFairness) {
      PAIRWISE_RETURN_IF_ERROR(SolveFairness(bounds, coverage_weight, result, proven));
    } else {
      const ArcWeight weight =
          request_.objective == Objective::kCoverage ? coverage_weight : total_weight;
      PAIRWISE_RETURN_IF_ERROR(SolveProven(candidates_, bounds, weight, 1, kMaxPricingRounds,
                                           /*record=*/true, result, proven));
      if (request_.groups) {
        PAIRWISE_RETURN_IF_ERROR(EnforceGroups(bounds, weight, result, proven));
      }
    }
    out_.mentor_of_row = std::move(result.mentor_of_row);
    out_.score_of_row = std::move(result.score_of_row);
    out_.optimal = proven;
    out_.stats.candidate_pairs = candidates_.PairCount();
    return Status::Ok();
  }

  // Solves a sample of the rows (1 in `rate`, each standing for `rate` mentees, so the
  // competition for each mentor is as in the whole program) and sets `price` to the mentors'
  // dual values, in score units.
  Status SamplePrices(const MentorBounds& bounds, int32_t rate, std::vector<int32_t>& price) {
    const ScanScope& scope = request_.scope;
    ScanScope sample;
    sample.model = scope.model;
    sample.threads = scope.threads;
    for (int32_t r = 0; r < scope.rows(); ++r) {
      // A fixed hash of the mentee: nested samples, the same on every run.
      const uint32_t h = static_cast<uint32_t>(scope.mentees[r]) * 2654435761u;
      if ((h >> 8) % static_cast<uint32_t>(rate) != 0) continue;
      sample.mentees.push_back(scope.mentees[r]);
      if (static_cast<size_t>(r) < scope.excluded.size()) {
        sample.excluded.push_back(scope.excluded[r]);
      }
    }
    if (sample.rows() == 0) return Status::Ok();
    SelectOptions select;
    select.k = request_.k + rate;  // a row stands for `rate` mentees who spread out
    select.price = &price;
    CandidateSet candidates = SelectCandidates(sample, request_.room, select);
    Assignment assignment;
    bool proven = false;
    ScanScope saved = std::move(sample);
    sample_scope_ = &saved;
    const Status status = SolveProven(candidates, bounds, ArcWeight{1, 0, 0}, rate, kSampleRounds,
                                      /*record=*/false, assignment, proven);
    sample_scope_ = nullptr;
    PAIRWISE_RETURN_IF_ERROR(status);
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      price[m] = static_cast<int32_t>(std::clamp<int64_t>(assignment.mentor_dual[m], 0, 1 << 29));
    }
    return Status::Ok();
  }

  const ScanScope& CurrentScope() const { return sample_scope_ ? *sample_scope_ : request_.scope; }

  // Solves the flow over `candidates`, then prices the pairs left out and re-solves with the
  // improving ones until there are none (or `max_rounds`). `proven`: the final answer has a
  // dual certificate over every candidate pair and no left-out pair improves it.
  //
  // After the first round the solver only gets the candidate pairs whose reduced cost under
  // the previous duals is small, and rows with no such pair besides their own keep their
  // answer and stay out of the network: the answer moves little between rounds, and a much
  // smaller network solves much faster. The certificate is then checked on every candidate
  // pair, not only on those the solver saw.
  Status SolveProven(CandidateSet& candidates, const MentorBounds& bounds, const ArcWeight& weight,
                     int32_t units, int max_rounds, bool record, Assignment& result, bool& proven,
                     bool* infeasible = nullptr) {
    proven = false;
    if (infeasible) *infeasible = false;
    const ScanScope& scope = CurrentScope();
    const int32_t rows = candidates.rows();
    result.mentor_of_row.assign(rows, -1);
    result.score_of_row.assign(rows, 0);
    std::vector<int64_t> previous_row_dual, previous_mentor_dual;
    std::vector<uint8_t> frozen;
    std::vector<int32_t> previous_assigned;
    PairFilter filter;
    int64_t to_place = 0;  // about how many rows a repair would place again
    bool last_auction = false;
    const bool balanced = RoomForNearlyAll(candidates, bounds, units);
    for (int round = 1; round <= max_rounds; ++round) {
      RoundStats stats;
      // Re-solves of the main objective first try to repair the previous answer; the check of
      // the certificate on every candidate pair judges the repair, and the flow solver runs
      // from scratch when either fails.
      bool repaired = false;
      double solve_ms = 0;
      double repair_check_ms = 0;
      const bool scarce = round > 1 && !FewUnmatched(candidates, result.mentor_of_row);
      const int64_t nodes = static_cast<int64_t>(rows) + model_.mentor_count;
      // The first round is solved by the auction over every candidate pair; balanced programs
      // solve their second round that way too, instead of a repair (docs/matching.md,
      // Performance). Scarce programs' later rounds are faster by network simplex over the
      // filtered pairs, and so are the samples of scarce programs (rows of 8 or 64 units,
      // bidding as that many).
      const bool auction_round =
          bounds.lower.empty() &&
          (round == 1 ? units == 1 || balanced : round == 2 && last_auction && balanced);
      if (round > 1 && !auction_round && units == 1 && bounds.lower.empty() &&
          (!scarce || to_place * nodes <= kRepairScarceBudget)) {
        const auto repair_start = Clock::now();
        Assignment warm;
        const int64_t work =
            std::max(kRepairMinWork, (scarce ? kRepairScarceWork : kRepairWork) * nodes);
        if (RepairFromPrevious(candidates, bounds, weight, result, work, warm, stats)) {
          solve_ms = MsSince(repair_start);
          const auto check_start = Clock::now();
          if (CountCertificateViolations(candidates, bounds, weight, warm) == 0) {
            result = std::move(warm);
            repaired = true;
          }
          repair_check_ms = MsSince(check_start);
        } else {
          solve_ms = MsSince(repair_start);
        }
        if (record) ++out_.stats.repairs_tried;
      }
      auto start = Clock::now();
      bool network_certified = true;
      int64_t uncertified = 0;
      if (!repaired) {
        PairNetwork p = BuildPairNetwork(model_, candidates, bounds, weight, units,
                                         auction_round ? PairFilter{} : filter);
        FlowSolution solution;
        if (auction_round) {
          // The auction's answer is used only with a certificate that holds on every arc;
          // anything else goes to network simplex.
          if (record) ++out_.stats.auctions_tried;
          // Totals move in steps of one score point (weight.scale): from an ε below that on,
          // the auction's answer is usually optimal well before ε reaches its last value.
          AuctionOptions auction_options;
          auction_options.finish_from = weight.scale;
          std::optional<FlowSolution> auctioned = SolveBMatchingAuction(p.net, auction_options);
          if (auctioned && VerifyCertificate(p.net, auctioned->flow, auctioned->potential)) {
            solution = std::move(*auctioned);
            stats.auction = true;
            ++(record ? out_.stats.auctions : out_.stats.price_sample_auctions);
          }
        }
        last_auction = stats.auction;
        if (!stats.auction) solution = SolveMinCostFlow(p.net);
        solve_ms += MsSince(start);
        ++out_.stats.flow_solves;
        if (solution.outcome == FlowOutcome::kInfeasible && infeasible && round == 1) {
          *infeasible = true;  // lower bounds that the candidate pairs cannot meet
          return Status::Ok();
        }
        if (solution.outcome != FlowOutcome::kOptimal) {
          return Status::Internal("matching flow solver: the network is infeasible or unbounded");
        }
        start = Clock::now();
        Extract(p, solution, units, weight, result);
        TightenPotentials(p, solution.flow, solution.potential);
        network_certified = VerifyCertificate(p.net, solution.flow, solution.potential);
        // A pair (m, r) left out improves the flow when -w + pi(m) - pi(r) < 0, that is when
        // w > u + v with u = pi(sink) - pi(r) and v = pi(m) - pi(sink).
        const int64_t pi_sink = solution.potential[p.sink];
        result.row_dual.assign(rows, 0);
        for (int32_t i = 0; i < p.row_nodes(); ++i) {
          result.row_dual[p.node_row[i]] = pi_sink - solution.potential[i];
        }
        result.mentor_dual.assign(model_.mentor_count, 0);
        for (int32_t m = 0; m < model_.mentor_count; ++m) {
          if (p.mentor_node[m] >= 0) {
            result.mentor_dual[m] = solution.potential[p.mentor_node[m]] - pi_sink;
          }
        }
        // A frozen row's dual makes its own pair tight (or is 0 when it is unmatched).
        for (int32_t r = 0; r < rows; ++r) {
          if (p.row_node[r] >= 0 || result.mentor_of_row[r] < 0) continue;
          result.row_dual[r] =
              weight.Of(result.score_of_row[r]) - result.mentor_dual[result.mentor_of_row[r]];
        }
        if (units == 1) {
          uncertified = CountCertificateViolations(candidates, bounds, weight, result);
        } else {
          uncertified = network_certified ? 0 : 1;
          if (filter.row_dual)
            uncertified += CountFilteredImproving(candidates, bounds, weight, filter, result);
        }
        stats.rows_in_flow = p.row_nodes();
        stats.arcs = p.net.arc_count();
      } else {
        start = Clock::now();
      }
      if (record) {
        ++out_.stats.pricing_rounds;
        out_.timings.solve_ms += solve_ms;
        if (repaired) ++out_.stats.repairs;
      }
      const PricingOutcome priced =
          PriceLeftOutPairs(scope, candidates, bounds.upper, weight, result.row_dual,
                            result.mentor_dual, std::max<int32_t>(4, candidates.k));
      if (record) {
        const double proof_ms = MsSince(start) + repair_check_ms;
        out_.stats.rows_priced += priced.rows_scanned;
        out_.stats.pairs_added_by_pricing += priced.pairs_added;
        out_.timings.proof_ms += proof_ms;
        stats.repaired = repaired;
        stats.solve_ms = solve_ms;
        stats.proof_ms = proof_ms;
        stats.rows_rescored = priced.rows_scanned;
        stats.pairs_checked = priced.pairs_checked;
        stats.pairs_added = priced.pairs_added;
        stats.certificate_violations = uncertified;
        out_.stats.rounds.push_back(stats);
      }
      if (priced.pairs_added == 0 && uncertified == 0) {
        proven = network_certified || units == 1;
        return Status::Ok();
      }
      to_place = uncertified + priced.pairs_added;
      previous_row_dual = result.row_dual;
      previous_mentor_dual = result.mentor_dual;
      previous_assigned = result.mentor_of_row;
      filter.row_dual = &previous_row_dual;
      filter.mentor_dual = &previous_mentor_dual;
      filter.max_reduced_cost = weight.scale * kFilterSlack;
      if (units == 1) {
        FreezeSettledRows(candidates, bounds, weight, result, filter.max_reduced_cost, frozen);
        filter.frozen = &frozen;
        filter.assigned = &previous_assigned;
      }
    }
    return Status::Ok();  // not proven within the round limit; the answer is still valid
  }

  // Whether the mentors' room is enough for all but 1 in kRepairUnmatchedShare of the rows'
  // units (rows with a candidate pair): where network simplex is slow and the auction fast
  // even on the filtered network of a re-solve (when the room is scarce, network simplex
  // solves that network in well under half the auction's time over every pair, and the
  // samples' rows of 64 units in less time than as many bidders).
  static bool RoomForNearlyAll(const CandidateSet& candidates, const MentorBounds& bounds,
                               int32_t units) {
    int64_t room = 0;
    for (int32_t upper : bounds.upper) room += std::max(0, upper);
    int64_t rows = 0;
    for (int32_t r = 0; r < candidates.rows(); ++r) {
      if (candidates.base_count[r] > 0 || !candidates.extra[r].empty()) ++rows;
    }
    return room * kRepairUnmatchedShare >= rows * units * (kRepairUnmatchedShare - 1);
  }

  static bool FewUnmatched(const CandidateSet& candidates,
                           const std::vector<int32_t>& mentor_of_row) {
    int64_t unmatched = 0;
    for (int32_t r = 0; r < candidates.rows(); ++r) {
      if (mentor_of_row[r] < 0 && (candidates.base_count[r] > 0 || !candidates.extra[r].empty())) {
        ++unmatched;
      }
    }
    return unmatched * kRepairUnmatchedShare <= candidates.rows();
  }

  // The previous round's answer and duals repaired over every candidate pair (RepairBMatching)
  // into `repaired`, with its totals; false when the repair declined.
  // `work`: the most nodes its searches may settle.
  bool RepairFromPrevious(const CandidateSet& candidates, const MentorBounds& bounds,
                          const ArcWeight& weight, const Assignment& previous, int64_t work,
                          Assignment& repaired, RoundStats& stats) const {
    const CandidateGraph g = BuildCandidateGraph(model_, candidates, bounds, weight);
    const int32_t rows = candidates.rows();
    BMatching matching;
    matching.pair_of_row.assign(rows, -1);
    for (int32_t r = 0; r < rows; ++r) {
      const int32_t own = previous.mentor_of_row[r];
      if (own < 0) continue;
      for (int64_t p = g.graph.row_begin[r]; p < g.graph.row_begin[r + 1]; ++p) {
        if (g.graph.mentor[p] == own && g.score[p] == previous.score_of_row[r]) {
          matching.pair_of_row[r] = static_cast<int32_t>(p);
          break;
        }
      }
      if (matching.pair_of_row[r] < 0) return false;  // its pair is no longer allowed
    }
    matching.row_dual = previous.row_dual;
    matching.mentor_dual = previous.mentor_dual;
    RepairStats repair;
    RepairOptions options;
    options.max_nodes_settled = work;
    const bool ok = RepairBMatching(g.graph, bounds.upper, matching, options, &repair);
    stats.repair_searches = repair.searches;
    stats.repair_nodes_settled = repair.nodes_settled;
    if (!ok) return false;
    repaired.mentor_of_row.assign(rows, -1);
    repaired.score_of_row.assign(rows, 0);
    repaired.weight = 0;
    repaired.matched = 0;
    for (int32_t r = 0; r < rows; ++r) {
      const int32_t p = matching.pair_of_row[r];
      if (p < 0) continue;
      repaired.mentor_of_row[r] = g.graph.mentor[p];
      repaired.score_of_row[r] = g.score[p];
      repaired.weight += g.graph.weight[p];
      ++repaired.matched;
    }
    repaired.row_dual = std::move(matching.row_dual);
    repaired.mentor_dual = std::move(matching.mentor_dual);
    stats.rows_in_flow = static_cast<int32_t>(repair.rows_reinserted);
    stats.arcs = g.graph.pair_count();
    return true;
  }

  // Rows whose only pair with a reduced cost within `slack` is their own (and that are
  // comfortably matched, or have no such pair at all when unmatched).
  void FreezeSettledRows(const CandidateSet& candidates, const MentorBounds& bounds,
                         const ArcWeight& weight, const Assignment& now, int64_t slack,
                         std::vector<uint8_t>& frozen) const {
    frozen.assign(candidates.rows(), 0);
    for (int32_t r = 0; r < candidates.rows(); ++r) {
      const int32_t own = now.mentor_of_row[r];
      const __int128 u = now.row_dual[r];
      if (own >= 0 && u <= slack) continue;  // close to preferring no mentor
      bool settled = true;
      auto check = [&](const Candidate& c) {
        if (c.mentor == own || bounds.upper[c.mentor] <= 0 || c.score < weight.min_score) return;
        if (u + now.mentor_dual[c.mentor] - weight.Of(c.score) <= slack) settled = false;
      };
      for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r) && settled;
           ++c) {
        check(*c);
      }
      for (size_t i = 0; i < candidates.extra[r].size() && settled; ++i) {
        check(candidates.extra[r][i]);
      }
      frozen[r] = settled ? 1 : 0;
    }
  }

  // Complementary slackness over every candidate pair, every row and every mentor, for an
  // answer with one unit per row and duals u (rows) and v (mentors): pairs taken have
  // w >= u + v, pairs not taken w <= u + v, matched rows u >= 0 and unmatched rows u <= 0,
  // mentors with room left v <= 0 and mentors above their minimum v >= 0. Returns how many
  // conditions fail (0: the answer is optimal over the candidate pairs).
  int64_t CountCertificateViolations(const CandidateSet& candidates, const MentorBounds& bounds,
                                     const ArcWeight& weight, const Assignment& now) const {
    int64_t violations = 0;
    std::vector<int32_t> taken(model_.mentor_count, 0);
    for (int32_t r = 0; r < candidates.rows(); ++r) {
      const int32_t own = now.mentor_of_row[r];
      const __int128 u = now.row_dual[r];
      if (own >= 0) {
        ++taken[own];
        if (u < 0) ++violations;
        if (static_cast<__int128>(weight.Of(now.score_of_row[r])) < u + now.mentor_dual[own]) {
          ++violations;
        }
      } else if (u > 0) {
        ++violations;
      }
      auto check = [&](const Candidate& c) {
        if (c.mentor == own || bounds.upper[c.mentor] <= 0 || c.score < weight.min_score) return;
        if (static_cast<__int128>(weight.Of(c.score)) > u + now.mentor_dual[c.mentor]) {
          ++violations;
        }
      };
      for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) {
        check(*c);
      }
      for (const Candidate& c : candidates.extra[r]) check(c);
    }
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      if (bounds.upper[m] <= 0) continue;
      const int32_t lower = bounds.lower.empty() ? 0 : bounds.lower[m];
      if (taken[m] > bounds.upper[m] || taken[m] < lower) ++violations;
      if (taken[m] < bounds.upper[m] && now.mentor_dual[m] > 0) ++violations;
      if (taken[m] > lower && now.mentor_dual[m] < 0) ++violations;
    }
    return violations;
  }

  // Candidate pairs the filter kept out of the network that would improve the flow.
  int64_t CountFilteredImproving(const CandidateSet& candidates, const MentorBounds& bounds,
                                 const ArcWeight& weight, const PairFilter& filter,
                                 const Assignment& now) const {
    int64_t improving = 0;
    for (int32_t r = 0; r < candidates.rows(); ++r) {
      auto check = [&](const Candidate& c) {
        if (bounds.upper[c.mentor] <= 0 || c.score < weight.min_score) return;
        const int64_t w = weight.Of(c.score);
        if (filter.Keeps(r, c.mentor, w)) return;
        if (static_cast<__int128>(w) >
            static_cast<__int128>(now.row_dual[r]) + now.mentor_dual[c.mentor]) {
          ++improving;
        }
      };
      for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) {
        check(*c);
      }
      for (const Candidate& c : candidates.extra[r]) check(c);
    }
    return improving;
  }

  // Reads the answer for the rows in the network (frozen rows keep theirs) and totals it.
  void Extract(const PairNetwork& p, const FlowSolution& solution, int32_t units,
               const ArcWeight& weight, Assignment& result) const {
    for (int32_t r : p.node_row) {
      result.mentor_of_row[r] = -1;
      result.score_of_row[r] = 0;
    }
    result.weight = 0;
    result.matched = 0;
    for (int32_t a = 0; a < p.pair_arcs; ++a) {
      const int32_t f = solution.flow[a];
      if (f == 0) continue;
      const int32_t r = p.arc_row[a];
      if (units == 1) {
        result.mentor_of_row[r] = p.arc_mentor[a];
        result.score_of_row[r] = p.arc_score[a];
      } else {
        result.weight -= static_cast<__int128>(p.net.cost[a]) * f;
        result.matched += f;
      }
    }
    if (units == 1) {
      for (size_t r = 0; r < result.mentor_of_row.size(); ++r) {
        if (result.mentor_of_row[r] < 0) continue;
        result.weight += weight.Of(result.score_of_row[r]);
        ++result.matched;
      }
    }
  }

  static int64_t TotalScore(const Assignment& a) {
    int64_t total = 0;
    for (size_t r = 0; r < a.mentor_of_row.size(); ++r) {
      if (a.mentor_of_row[r] >= 0) total += a.score_of_row[r];
    }
    return total;
  }

  // Group programs: a mentor leads no group or one of group_min..max mentees. The flow
  // without the minimum is a bound. While some group came out too small, two ways on are
  // solved and the better kept: close the smallest of those mentors, or hold all of them at
  // the minimum (when the candidate pairs allow it); mentors whose group is big enough are
  // held at the minimum from then on. Each step closes or holds at least one more mentor.
  Status EnforceGroups(MentorBounds bounds, const ArcWeight& weight, Assignment& result,
                       bool& proven) {
    const __int128 bound_weight = result.weight;
    const bool bound_proven = proven;
    out_.upper_bound = TotalScore(result);
    const int32_t group_min = model_.group_min;
    bounds.lower.assign(model_.mentor_count, 0);
    for (int guard = 0; guard <= 2 * model_.mentor_count; ++guard) {
      const std::vector<int32_t> size = GroupSizes(result);
      std::vector<int32_t> undersized;
      for (int32_t m = 0; m < model_.mentor_count; ++m) {
        if (bounds.upper[m] <= 0 || request_.fixed_count[m] > 0) continue;  // pins never close
        if (size[m] > 0 && size[m] < group_min) undersized.push_back(m);
      }
      if (undersized.empty()) break;
      for (int32_t m = 0; m < model_.mentor_count; ++m) {
        if (bounds.upper[m] > 0 && size[m] >= group_min) {
          bounds.lower[m] = std::max(0, group_min - request_.fixed_count[m]);
        }
      }
      // Close: the mentors with at most half the minimum, or else the smallest.
      MentorBounds close = bounds;
      int32_t smallest = group_min;
      for (int32_t m : undersized) smallest = std::min(smallest, size[m]);
      for (int32_t m : undersized) {
        if (2 * size[m] <= group_min || size[m] == smallest) close.upper[m] = 0;
      }
      Assignment closed;
      bool closed_proven = false;
      PAIRWISE_RETURN_IF_ERROR(SolveProven(candidates_, close, weight, 1, kMaxPricingRounds,
                                           /*record=*/true, closed, closed_proven));
      // Hold: every undersized mentor at the minimum.
      MentorBounds hold = bounds;
      for (int32_t m : undersized) hold.lower[m] = group_min;
      Assignment held;
      bool held_proven = false;
      bool infeasible = false;
      PAIRWISE_RETURN_IF_ERROR(SolveProven(candidates_, hold, weight, 1, kMaxPricingRounds,
                                           /*record=*/true, held, held_proven, &infeasible));
      if (!infeasible && held.weight >= closed.weight) {
        bounds = std::move(hold);
        result = std::move(held);
        proven = held_proven;
      } else {
        bounds = std::move(close);
        result = std::move(closed);
        proven = closed_proven;
      }
    }
    const std::vector<int32_t> size = GroupSizes(result);
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      if (size[m] > 0 && size[m] < group_min) ++out_.stats.groups_below_min;
    }
    // Proven only when the answer reaches the bound (then the minimum cost nothing).
    proven =
        bound_proven && proven && result.weight == bound_weight && out_.stats.groups_below_min == 0;
    return Status::Ok();
  }

  // Per mentor: pins plus the rows the answer gives it.
  std::vector<int32_t> GroupSizes(const Assignment& a) const {
    std::vector<int32_t> size = request_.fixed_count;
    for (int32_t mentor : a.mentor_of_row) {
      if (mentor >= 0) ++size[mentor];
    }
    return size;
  }

  // Max cardinality using only candidate pairs scoring at least `threshold`: rows and
  // mentors between a source and a sink, pair arcs of unbounded capacity so that a minimum
  // cut is a set of rows and mentors.
  struct ThresholdFlow {
    int64_t value = 0;
    std::vector<uint8_t> row_source_side;
    std::vector<uint8_t> mentor_source_side;
    int64_t cut_capacity = 0;  // recomputed from the sides, not taken from the solver
  };

  ThresholdFlow MaxFlowAtThreshold(const MentorBounds& bounds, int32_t threshold) const {
    const int32_t rows = candidates_.rows();
    FlowNetwork net;
    const int32_t source = net.AddNode(0);
    for (int32_t r = 0; r < rows; ++r) net.AddNode(0);
    std::vector<int32_t> mentor_node(model_.mentor_count, -1);
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      if (bounds.upper[m] > 0) mentor_node[m] = net.AddNode(0);
    }
    const int32_t sink = net.AddNode(0);
    const int32_t unbounded = rows + 1;
    for (int32_t r = 0; r < rows; ++r) net.AddArc(source, 1 + r, 1, 0);
    auto add = [&](int32_t r, const Candidate& c) {
      if (bounds.upper[c.mentor] > 0 && c.score >= threshold) {
        net.AddArc(1 + r, mentor_node[c.mentor], unbounded, 0);
      }
    };
    for (int32_t r = 0; r < rows; ++r) {
      for (const Candidate* c = candidates_.BaseBegin(r); c != candidates_.BaseEnd(r); ++c) {
        add(r, *c);
      }
      for (const Candidate& c : candidates_.extra[r]) add(r, c);
    }
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      if (mentor_node[m] >= 0) net.AddArc(mentor_node[m], sink, bounds.upper[m], 0);
    }
    const MaxFlowSolution solution = SolveMaxFlow(net, source, sink);
    ThresholdFlow out;
    out.value = solution.value;
    out.row_source_side.resize(rows);
    out.mentor_source_side.assign(model_.mentor_count, 0);
    for (int32_t r = 0; r < rows; ++r) out.row_source_side[r] = solution.source_side[1 + r];
    for (int32_t m = 0; m < model_.mentor_count; ++m) {
      if (mentor_node[m] >= 0) out.mentor_source_side[m] = solution.source_side[mentor_node[m]];
    }
    for (int32_t a = 0; a < net.arc_count(); ++a) {
      if (solution.source_side[net.source[a]] && !solution.source_side[net.target[a]]) {
        out.cut_capacity += net.upper[a];
      }
    }
    return out;
  }

  // Fairness: as many pairs as coverage finds, then the highest lowest score t* such that
  // that many pairs still fit with every pair scoring at least t*, then the best total.
  // Proof of t*: a cut showing fewer pairs fit with scores of t* + 1 and up, checked against
  // every eligible pair.
  Status SolveFairness(const MentorBounds& bounds, const ArcWeight& coverage_weight,
                       Assignment& result, bool& proven) {
    bool coverage_proven = false;
    PAIRWISE_RETURN_IF_ERROR(SolveProven(candidates_, bounds, coverage_weight, 1, kMaxPricingRounds,
                                         /*record=*/true, result, coverage_proven));
    const int32_t most = result.matched;
    if (most == 0) {
      proven = coverage_proven;
      return Status::Ok();
    }
    int32_t lowest = INT32_MAX;
    for (size_t r = 0; r < result.mentor_of_row.size(); ++r) {
      if (result.mentor_of_row[r] >= 0) lowest = std::min(lowest, result.score_of_row[r]);
    }
    int32_t best_threshold = lowest;
    bool cut_proven = false;
    for (int attempt = 0; attempt < kMaxPricingRounds; ++attempt) {
      auto start = Clock::now();
      std::vector<int32_t> scores;
      for (int32_t r = 0; r < candidates_.rows(); ++r) {
        for (const Candidate* c = candidates_.BaseBegin(r); c != candidates_.BaseEnd(r); ++c) {
          if (c->score > best_threshold) scores.push_back(c->score);
        }
        for (const Candidate& c : candidates_.extra[r]) {
          if (c.score > best_threshold) scores.push_back(c.score);
        }
      }
      std::sort(scores.begin(), scores.end());
      scores.erase(std::unique(scores.begin(), scores.end()), scores.end());
      // The largest feasible threshold among the candidate scores above a feasible one.
      size_t lo = 0;
      size_t hi = scores.size();
      while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        ++out_.stats.flow_solves;
        if (MaxFlowAtThreshold(bounds, scores[mid]).value >= most) {
          best_threshold = scores[mid];
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      out_.timings.solve_ms += MsSince(start);
      start = Clock::now();
      ++out_.stats.flow_solves;
      const ThresholdFlow above = MaxFlowAtThreshold(bounds, best_threshold + 1);
      const bool cut_ok = above.value < most && above.cut_capacity == above.value;
      const int64_t added = AddPairsCrossingCut(bounds, above, best_threshold + 1);
      out_.timings.proof_ms += MsSince(start);
      if (added == 0) {
        cut_proven = cut_ok;
        break;
      }
    }
    const ArcWeight fair_weight{coverage_weight.scale, coverage_weight.offset, best_threshold};
    bool final_proven = false;
    PAIRWISE_RETURN_IF_ERROR(SolveProven(candidates_, bounds, fair_weight, 1, kMaxPricingRounds,
                                         /*record=*/true, result, final_proven));
    proven = coverage_proven && cut_proven && final_proven && result.matched == most;
    return Status::Ok();
  }

  // Eligible pairs scoring at least `threshold` from a source-side row to a sink-side mentor
  // would cross the cut with unbounded capacity: adds them as candidates, returns how many.
  int64_t AddPairsCrossingCut(const MentorBounds& bounds, const ThresholdFlow& cut,
                              int32_t threshold) {
    const ScanScope& scope = request_.scope;
    const int32_t rows = candidates_.rows();
    std::vector<int32_t> max_price(candidates_.epoch_price.size(), INT32_MIN);
    for (size_t ep = 0; ep < candidates_.epoch_price.size(); ++ep) {
      for (int32_t m = 0; m < model_.mentor_count; ++m) {
        if (bounds.upper[m] > 0)
          max_price[ep] = std::max(max_price[ep], candidates_.epoch_price[ep][m]);
      }
    }
    std::vector<int64_t> added(scope.threads, 0);
    std::vector<int64_t> scanned(scope.threads, 0);
    std::vector<std::unique_ptr<RowScratch>> scratch(scope.threads);
    std::vector<std::vector<uint8_t>> mark(scope.threads);
    ParallelFor(scope.threads, rows, 16, [&](int worker, int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        if (!cut.row_source_side[r]) continue;
        const int32_t bound = candidates_.left_out_bound[r];
        // Left-out pairs score at most bound + price <= bound + max_price.
        const std::vector<int32_t>& price = candidates_.epoch_price[candidates_.row_epoch[r]];
        if (bound == kNothingLeftOut ||
            static_cast<int64_t>(bound) + max_price[candidates_.row_epoch[r]] < threshold) {
          continue;
        }
        if (!scratch[worker]) {
          scratch[worker] = std::make_unique<RowScratch>(model_);
          mark[worker].assign(model_.mentor_stride, 0);
        }
        ++scanned[worker];
        ScoreScopeRow(scope, static_cast<int32_t>(r), *scratch[worker]);
        const int32_t* scores = scratch[worker]->scores();
        std::vector<uint8_t>& is_candidate = mark[worker];
        for (const Candidate* c = candidates_.BaseBegin(r); c != candidates_.BaseEnd(r); ++c) {
          is_candidate[c->mentor] = 1;
        }
        for (const Candidate& c : candidates_.extra[r]) is_candidate[c.mentor] = 1;
        std::vector<Candidate> crossing;
        int32_t best_left = kNothingLeftOut;
        for (int32_t m = 0; m < model_.mentor_count; ++m) {
          const int32_t s = scores[m];
          if (s < 0 || bounds.upper[m] <= 0 || is_candidate[m]) continue;
          if (s >= threshold && !cut.mentor_source_side[m]) {
            crossing.push_back(Candidate{m, s});
          } else {
            best_left = std::max(best_left, s - price[m]);
          }
        }
        for (const Candidate* c = candidates_.BaseBegin(r); c != candidates_.BaseEnd(r); ++c) {
          is_candidate[c->mentor] = 0;
        }
        for (const Candidate& c : candidates_.extra[r]) is_candidate[c.mentor] = 0;
        for (const Candidate& c : crossing) candidates_.extra[r].push_back(c);
        candidates_.left_out_bound[r] = best_left;
        added[worker] += static_cast<int64_t>(crossing.size());
      }
    });
    int64_t total = 0;
    for (int i = 0; i < scope.threads; ++i) {
      total += added[i];
      out_.stats.rows_priced += scanned[i];
    }
    out_.stats.pairs_added_by_pricing += total;
    return total;
  }

  const SolveRequest& request_;
  const Model& model_;
  SolveOutcome& out_;
  CandidateSet candidates_;
  const ScanScope* sample_scope_ = nullptr;
};

}  // namespace

Result<SolveOutcome> RunSolve(const SolveRequest& request) {
  SolveOutcome out;
  out.stats.threads = request.scope.threads;
  Optimizer optimizer(request, out);
  PAIRWISE_RETURN_IF_ERROR(optimizer.Run());
  return out;
}

}  // namespace pairwise::matching::internal
