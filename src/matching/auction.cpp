#include "matching/auction.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

namespace pairwise::matching::internal {
namespace {

// A mentor's room is that many slots, each with its own price; bids look for the cheapest
// by a scan of the slots, which stays cheap only for small capacities.
constexpr int32_t kMaxSlots = 64;
// ε shrinks by this factor from one phase to the next, down to 1 (8 and 16 made more bids,
// forward and reverse, on the balanced 60k × 20k program).
constexpr int64_t kPhaseFactor = 4;
// The price of a slot that does not exist (a mentor's second-cheapest slot when it has one).
constexpr int64_t kNoPrice = std::numeric_limits<int64_t>::max() / 4;
constexpr int64_t kNoValue = -kNoPrice;
constexpr int32_t kFree = -1;  // unit_slot: still bidding; slot_unit: nobody
constexpr int32_t kNull = -2;  // unit_slot: the unit stays unmatched
// The exact-dual pass gives up after scanning this many arcs per residual arc and node: an
// optimal flow needs a few, a flow that is not optimal (a negative cycle) never ends.
constexpr int64_t kLabelWork = 50;
// The same for the attempts to finish before the last phase: an attempt that fails costs
// about this many passes over the arcs.
constexpr int64_t kQuickLabelWork = 8;

// The network read as rows × mentors, pair arcs in rows' order.
struct Bipartite {
  int32_t rows = 0;
  int32_t mentors = 0;
  int32_t sink = -1;
  std::vector<int32_t> row_node;
  std::vector<int32_t> row_unit_begin;  // units of row r: row_unit_begin[r] .. [r + 1]
  std::vector<int32_t> mentor_node;
  std::vector<int32_t> row_begin;   // pair arcs of row r: row_begin[r] .. row_begin[r + 1]
  std::vector<int32_t> arc_mentor;  // per pair arc
  std::vector<int32_t> arc_row;
  std::vector<int64_t> arc_weight;  // -cost, times scale
  std::vector<int32_t> arc_id;      // the network's arc
  std::vector<int32_t> slot_begin;  // slots of mentor m: slot_begin[m] .. slot_begin[m + 1]
  int64_t scale = 1;
  int64_t max_weight = 0;  // scaled, at least 0
};

std::optional<Bipartite> Parse(const FlowNetwork& net) {
  const int32_t n = net.node_count;
  const int32_t arcs = net.arc_count();
  if (net.supply.size() != static_cast<size_t>(n) || net.target.size() != net.source.size() ||
      net.upper.size() != net.source.size() || net.cost.size() != net.source.size()) {
    return std::nullopt;
  }
  for (int32_t low : net.lower) {
    if (low != 0) return std::nullopt;
  }
  Bipartite b;
  int64_t total = 0;
  for (int32_t v = 0; v < n; ++v) {
    if (net.supply[v] < 0) {
      if (b.sink >= 0) return std::nullopt;
      b.sink = v;
    } else {
      total += net.supply[v];
    }
  }
  if (b.sink < 0 || total != -static_cast<int64_t>(net.supply[b.sink])) return std::nullopt;
  std::vector<int32_t> mentor_of(n, -1);
  std::vector<int32_t> row_of(n, -1);
  b.slot_begin.push_back(0);
  b.row_unit_begin.push_back(0);
  for (int32_t v = 0; v < n; ++v) {
    if (net.supply[v] <= 0) continue;
    if (net.supply[v] > kMaxSlots) return std::nullopt;
    mentor_of[v] = b.mentors++;
    b.mentor_node.push_back(v);
    b.slot_begin.push_back(b.slot_begin.back() + net.supply[v]);
  }
  std::vector<uint8_t> has_bypass(b.mentors, 0);
  for (int32_t a = 0; a < arcs; ++a) {
    if (net.target[a] != b.sink) continue;
    const int32_t s = net.source[a];
    if (s == b.sink || net.cost[a] != 0) return std::nullopt;
    if (mentor_of[s] >= 0) {
      if (net.upper[a] != net.supply[s] || has_bypass[mentor_of[s]]) return std::nullopt;
      has_bypass[mentor_of[s]] = 1;
    } else {
      if (net.upper[a] < 1 || net.upper[a] > kMaxSlots || row_of[s] >= 0) return std::nullopt;
      row_of[s] = b.rows++;
      b.row_node.push_back(s);
      b.row_unit_begin.push_back(b.row_unit_begin.back() + net.upper[a]);
    }
  }
  for (uint8_t has : has_bypass) {
    if (!has) return std::nullopt;
  }
  b.row_begin.assign(b.rows + 1, 0);
  int64_t max_abs = 0;
  for (int32_t a = 0; a < arcs; ++a) {
    if (net.target[a] == b.sink) continue;
    // A pair arc must take all of its row's units: the auction may give them all to one
    // mentor.
    const int32_t r = row_of[net.target[a]];
    if (mentor_of[net.source[a]] < 0 || r < 0 ||
        net.upper[a] < b.row_unit_begin[r + 1] - b.row_unit_begin[r] ||
        net.cost[a] == std::numeric_limits<int64_t>::min()) {
      return std::nullopt;
    }
    ++b.row_begin[row_of[net.target[a]] + 1];
    max_abs = std::max(max_abs, net.cost[a] < 0 ? -net.cost[a] : net.cost[a]);
  }
  // Costs times (row units + 1) and a final ε of 1 make an ε-optimal answer exactly optimal:
  // each row unit loses at most ε against the dual bound. Prices stay within
  // [0, max weight + ε], so every value computed stays well within int64 under this check.
  b.scale = static_cast<int64_t>(b.row_unit_begin.back()) + 1;
  if (static_cast<__int128>(max_abs) * b.scale * 8 + 8 > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  for (int32_t r = 0; r < b.rows; ++r) b.row_begin[r + 1] += b.row_begin[r];
  const int32_t pairs = b.row_begin[b.rows];
  b.arc_mentor.resize(pairs);
  b.arc_row.resize(pairs);
  b.arc_weight.resize(pairs);
  b.arc_id.resize(pairs);
  std::vector<int32_t> next(b.row_begin.begin(), b.row_begin.end() - 1);
  for (int32_t a = 0; a < arcs; ++a) {
    if (net.target[a] == b.sink) continue;
    const int32_t r = row_of[net.target[a]];
    const int32_t pos = next[r]++;
    b.arc_mentor[pos] = mentor_of[net.source[a]];
    b.arc_row[pos] = r;
    b.arc_weight[pos] = -net.cost[a] * b.scale;
    b.arc_id[pos] = a;
    b.max_weight = std::max(b.max_weight, b.arc_weight[pos]);
  }
  return b;
}

// One side of the network as the auction sees it: nodes with units (a row has one, a mentor
// its room) and their pair arcs.
struct Side {
  std::vector<int32_t> unit_begin;  // units of node i: unit_begin[i] .. unit_begin[i + 1]
  std::vector<int32_t> arc_begin;   // pair arcs of node i: arcs[arc_begin[i] .. arc_begin[i + 1]]
  std::vector<int32_t> arcs;        // positions in Bipartite's arc arrays
  const std::vector<int32_t>* arc_node = nullptr;  // per arc position: this side's node

  int32_t nodes() const { return static_cast<int32_t>(arc_begin.size()) - 1; }
  int32_t units() const { return unit_begin.back(); }
};

Side RowSide(const Bipartite& b) {
  Side side;
  side.unit_begin = b.row_unit_begin;
  side.arc_begin = b.row_begin;
  side.arcs.resize(b.arc_row.size());
  for (int32_t pos = 0; pos < static_cast<int32_t>(side.arcs.size()); ++pos) side.arcs[pos] = pos;
  side.arc_node = &b.arc_row;
  return side;
}

Side MentorSide(const Bipartite& b) {
  Side side;
  side.unit_begin = b.slot_begin;
  side.arc_begin.assign(b.mentors + 1, 0);
  for (int32_t m : b.arc_mentor) ++side.arc_begin[m + 1];
  for (int32_t m = 0; m < b.mentors; ++m) side.arc_begin[m + 1] += side.arc_begin[m];
  side.arcs.resize(b.arc_mentor.size());
  std::vector<int32_t> next(side.arc_begin.begin(), side.arc_begin.end() - 1);
  for (int32_t pos = 0; pos < static_cast<int32_t>(b.arc_mentor.size()); ++pos) {
    side.arcs[next[b.arc_mentor[pos]]++] = pos;
  }
  side.arc_node = &b.arc_mentor;
  return side;
}

// Forward auction with ε-scaling (Bertsekas): the bidders' units bid for the objects' units
// ("slots", each with its own price); a bidder may stay unmatched at profit 0 and a slot empty
// at price 0. Forward bids leave empty slots with a price from an earlier phase; a reverse
// auction lowers those after each phase (the asymmetric assignment problem). The rows bid for
// the mentors' slots. (The other way round, the mentors' units bidding for the rows, took
// 1.8x the bids and 1.5x the time on the balanced program: then the empty rows are the ones
// with a stale price, and there are more of them.)
class Auction {
 public:
  Auction(const Bipartite& b, const Side& bidders, const Side& objects)
      : b_(b),
        bidders_(bidders),
        objects_(objects),
        slot_price_(objects.units(), 0),
        slot_unit_(objects.units(), kFree),
        slot_node_(objects.units()),
        unit_slot_(bidders.units(), kFree),
        unit_arc_(bidders.units(), -1),
        unit_profit_(bidders.units(), 0),
        unit_node_(bidders.units()),
        min_price_(objects.nodes()),
        second_price_(objects.nodes()),
        min_slot_(objects.nodes()),
        min_profit_(bidders.nodes()),
        second_profit_(bidders.nodes()),
        min_unit_(bidders.nodes()),
        queue_(bidders.units() + 1) {
    for (int32_t o = 0; o < objects.nodes(); ++o) {
      for (int32_t s = objects.unit_begin[o]; s < objects.unit_begin[o + 1]; ++s) slot_node_[s] = o;
      UpdatePrice(o);
    }
    for (int32_t i = 0; i < bidders.nodes(); ++i) {
      for (int32_t u = bidders.unit_begin[i]; u < bidders.unit_begin[i + 1]; ++u) unit_node_[u] = i;
    }
  }

  // Phases from ε = a quarter of the largest weight down to 1, or until `finished` (called
  // after each phase but the last, with its ε) says the answer is final.
  template <typename Finished>
  void Run(AuctionStats& stats, Finished finished) {
    int64_t eps = std::max<int64_t>(1, b_.max_weight / kPhaseFactor);
    for (;;) {
      ++stats.phases;
      stats.bids += Forward(eps);
      stats.reverse_bids += Reverse(eps);
      if (eps == 1 || finished(eps)) break;
      eps = std::max<int64_t>(1, eps / kPhaseFactor);
    }
  }

  // Per bidder unit: its pair arc (position in Bipartite's arrays), or -1 when unmatched.
  int32_t ArcOf(int32_t unit) const { return unit_slot_[unit] >= 0 ? unit_arc_[unit] : -1; }
  int64_t MinPrice(int32_t object) const { return min_price_[object]; }

 private:
  struct LowestTwo {
    int64_t low = kNoPrice;
    int64_t second = kNoPrice;
    int32_t at = -1;  // where low is
  };
  // The lowest two of values[begin, end) and where the lowest is.
  static LowestTwo FindLowestTwo(const std::vector<int64_t>& values, int32_t begin, int32_t end) {
    LowestTwo out;
    for (int32_t k = begin; k < end; ++k) {
      const int64_t v = values[k];
      if (v < out.low) {
        out.second = out.low;
        out.low = v;
        out.at = k;
      } else if (v < out.second) {
        out.second = v;
      }
    }
    return out;
  }

  void UpdatePrice(int32_t o) {
    const LowestTwo l =
        FindLowestTwo(slot_price_, objects_.unit_begin[o], objects_.unit_begin[o + 1]);
    min_price_[o] = l.low;
    second_price_[o] = l.second;
    min_slot_[o] = l.at;
  }

  void UpdateProfit(int32_t i) {
    const LowestTwo l =
        FindLowestTwo(unit_profit_, bidders_.unit_begin[i], bidders_.unit_begin[i + 1]);
    min_profit_[i] = l.low;
    second_profit_[i] = l.second;
    min_unit_[i] = l.at;
  }

  // One phase of forward bids from scratch (prices kept): every bidder unit bids for the slot
  // of most value until it holds one or prefers to stay unmatched. Returns the bids made.
  int64_t Forward(int64_t eps) {
    int64_t head = 0;
    int64_t tail = 0;
    const int64_t size = static_cast<int64_t>(queue_.size());
    const std::vector<int32_t>& object_of = *objects_.arc_node;
    std::fill(slot_unit_.begin(), slot_unit_.end(), kFree);
    for (int32_t u = 0; u < bidders_.units(); ++u) {
      unit_profit_[u] = 0;
      const int32_t i = unit_node_[u];
      if (bidders_.arc_begin[i] == bidders_.arc_begin[i + 1]) {
        unit_slot_[u] = kNull;
      } else {
        unit_slot_[u] = kFree;
        queue_[tail++ % size] = u;
      }
    }
    int64_t bids = 0;
    while (head != tail) {
      const int32_t u = queue_[head++ % size];
      const int32_t i = unit_node_[u];
      int64_t best = kNoValue;
      int64_t second = kNoValue;
      int32_t best_pos = -1;
      for (int32_t k = bidders_.arc_begin[i]; k < bidders_.arc_begin[i + 1]; ++k) {
        const int32_t pos = bidders_.arcs[k];
        const int64_t value = b_.arc_weight[pos] - min_price_[object_of[pos]];
        if (value > best) {
          second = best;
          best = value;
          best_pos = pos;
        } else if (value > second) {
          second = value;
        }
      }
      if (best <= 0) {
        unit_slot_[u] = kNull;
        unit_profit_[u] = 0;
        continue;
      }
      const int32_t o = object_of[best_pos];
      second = std::max({second, int64_t{0}, b_.arc_weight[best_pos] - second_price_[o]});
      const int32_t s = min_slot_[o];
      const int32_t previous = slot_unit_[s];
      if (previous >= 0) {
        unit_slot_[previous] = kFree;
        queue_[tail++ % size] = previous;
      }
      slot_price_[s] = b_.arc_weight[best_pos] - second + eps;
      slot_unit_[s] = u;
      unit_slot_[u] = s;
      unit_arc_[u] = best_pos;
      unit_profit_[u] = second - eps;
      UpdatePrice(o);
      ++bids;
    }
    return bids;
  }

  // Empty slots with a price above 0 would break complementary slackness (room left, yet a
  // positive dual): each lowers its price to what the second-best bidder would pay, taking
  // the best bidder unit from its slot (whose own price may then need lowering), or to 0 when
  // no bidder wants it. Profits only rise, so ε-complementary slackness holds throughout.
  int64_t Reverse(int64_t eps) {
    std::vector<int32_t> stack;
    for (int32_t s = 0; s < objects_.units(); ++s) {
      if (slot_unit_[s] == kFree && slot_price_[s] > 0) stack.push_back(s);
    }
    if (stack.empty()) return 0;
    for (int32_t i = 0; i < bidders_.nodes(); ++i) UpdateProfit(i);
    const std::vector<int32_t>& bidder_of = *bidders_.arc_node;
    int64_t bids = 0;
    while (!stack.empty()) {
      const int32_t j = stack.back();
      stack.pop_back();
      if (slot_unit_[j] != kFree || slot_price_[j] <= 0) continue;
      const int32_t o = slot_node_[j];
      int64_t best = kNoValue;
      int64_t second = kNoValue;
      int32_t best_pos = -1;
      for (int32_t k = objects_.arc_begin[o]; k < objects_.arc_begin[o + 1]; ++k) {
        const int32_t pos = objects_.arcs[k];
        const int64_t value = b_.arc_weight[pos] - min_profit_[bidder_of[pos]];
        if (value > best) {
          second = best;
          best = value;
          best_pos = pos;
        } else if (value > second) {
          second = value;
        }
      }
      ++bids;
      if (best - eps <= 0) {
        slot_price_[j] = 0;
        UpdatePrice(o);
        continue;
      }
      const int32_t i = bidder_of[best_pos];
      second = std::max(second, b_.arc_weight[best_pos] - second_profit_[i]);
      const int64_t price = std::max<int64_t>(0, second - eps);
      const int32_t u = min_unit_[i];
      const int32_t previous = unit_slot_[u];
      if (previous >= 0) {
        slot_unit_[previous] = kFree;
        if (slot_price_[previous] > 0) stack.push_back(previous);
      }
      slot_price_[j] = price;
      slot_unit_[j] = u;
      unit_slot_[u] = j;
      unit_arc_[u] = best_pos;
      unit_profit_[u] = b_.arc_weight[best_pos] - price;
      UpdateProfit(i);
      UpdatePrice(o);
    }
    return bids;
  }

  const Bipartite& b_;
  const Side& bidders_;
  const Side& objects_;
  std::vector<int64_t> slot_price_;
  std::vector<int32_t> slot_unit_;
  std::vector<int32_t> slot_node_;
  std::vector<int32_t> unit_slot_;
  std::vector<int32_t> unit_arc_;
  std::vector<int64_t> unit_profit_;
  std::vector<int32_t> unit_node_;
  std::vector<int64_t> min_price_;  // per object node: its cheapest slot's price
  std::vector<int64_t> second_price_;
  std::vector<int32_t> min_slot_;
  std::vector<int64_t> min_profit_;  // per bidder node, kept during the reverse auction only
  std::vector<int64_t> second_profit_;
  std::vector<int32_t> min_unit_;
  std::vector<int32_t> queue_;
};

// The residual arcs of `flow` grouped by their tail, or by their head when `reversed`: for node v,
// other[begin[v] .. begin[v + 1]) are the arcs' other ends and cost[...] their costs.
struct ResidualArcs {
  std::vector<int32_t> begin;
  std::vector<int32_t> other;
  std::vector<int64_t> cost;
};

ResidualArcs Residual(const FlowNetwork& net, const std::vector<int32_t>& flow, bool reversed) {
  const int32_t n = net.node_count;
  // Each arc with room left is a residual arc, and each arc with flow one back, at -cost.
  auto each = [&](auto&& visit) {
    for (int32_t a = 0; a < net.arc_count(); ++a) {
      if (flow[a] < net.upper[a]) visit(net.source[a], net.target[a], net.cost[a]);
      if (flow[a] > 0) visit(net.target[a], net.source[a], -net.cost[a]);
    }
  };
  ResidualArcs r;
  r.begin.assign(n + 1, 0);
  each([&](int32_t tail, int32_t head, int64_t) { ++r.begin[(reversed ? head : tail) + 1]; });
  for (int32_t v = 0; v < n; ++v) r.begin[v + 1] += r.begin[v];
  r.other.resize(r.begin[n]);
  r.cost.resize(r.begin[n]);
  std::vector<int32_t> next(r.begin.begin(), r.begin.end() - 1);
  each([&](int32_t tail, int32_t head, int64_t cost) {
    const int32_t k = next[reversed ? head : tail]++;
    r.other[k] = reversed ? tail : head;
    r.cost[k] = cost;
  });
  return r;
}

// Turns potentials that are nearly dual-feasible (the rounded prices) into exact ones for an
// optimal flow: shortest distances d in the residual network under the reduced costs, from a
// virtual root joined to every node at 0, by FIFO label correcting; pi + d then leaves no
// residual arc with a negative reduced cost. False when the work limit is reached.
bool CorrectPotentials(const FlowNetwork& net, const std::vector<int32_t>& flow,
                       std::vector<int64_t>& pi, int64_t label_work, int64_t& work) {
  const int32_t n = net.node_count;
  const ResidualArcs residual = Residual(net, flow, /*reversed=*/false);
  const std::vector<int32_t>& begin = residual.begin;
  const std::vector<int32_t>& head = residual.other;
  const std::vector<int64_t>& cost = residual.cost;
  std::vector<int64_t> d(n, 0);
  std::vector<uint8_t> queued(n, 1);
  std::vector<int32_t> queue(n + 1);
  const int64_t size = n + 1;
  int64_t front = 0;
  int64_t back = 0;
  for (int32_t v = 0; v < n; ++v) queue[back++] = v;
  const int64_t limit = label_work * (static_cast<int64_t>(begin[n]) + n);
  int64_t scanned = 0;
  while (front != back) {
    const int32_t u = queue[front++ % size];
    queued[u] = 0;
    scanned += 1 + begin[u + 1] - begin[u];
    if (scanned > limit) {
      work += scanned;
      return false;
    }
    const __int128 base = static_cast<__int128>(d[u]) + pi[u];
    for (int32_t k = begin[u]; k < begin[u + 1]; ++k) {
      const int32_t v = head[k];
      const __int128 label = base + cost[k] - pi[v];
      if (label >= d[v]) continue;
      if (label < -static_cast<__int128>(kNoPrice)) {
        work += scanned;
        return false;
      }
      d[v] = static_cast<int64_t>(label);
      if (!queued[v]) {
        queued[v] = 1;
        queue[back++ % size] = v;
      }
    }
  }
  work += scanned;
  for (int32_t v = 0; v < n; ++v) pi[v] += d[v];
  return true;
}

// With pi exact (no residual arc of negative reduced cost), lowers every potential as far as the
// residual arcs allow with the sink's fixed: pi - (distance to the sink under the reduced
// costs), by Dijkstra from the sink over the residual arcs reversed; nodes that do not reach the
// sink fall by the largest such distance. Exactness is kept: an arc's reduced cost changes by
// (distance of its head) - (distance of its tail) >= -(its reduced cost).
//
// Why: the mentors' duals v = pi(m) - pi(sink) come out as low as in any optimal dual (the
// mentees' best), which is where network simplex ends on these networks. The auction's own
// prices end higher; the solver's next round filters pairs by their reduced cost under these
// duals and then solves by network simplex, whose duals differ from the higher ones by up to
// hundreds of score points: on 100k x 20k that left ~100k conditions failing and pricing
// added 1.56M pairs.
void LowerToSink(const FlowNetwork& net, const std::vector<int32_t>& flow, int32_t sink,
                 std::vector<int64_t>& pi) {
  const int32_t n = net.node_count;
  const ResidualArcs residual = Residual(net, flow, /*reversed=*/true);
  const std::vector<int32_t>& begin = residual.begin;  // by head
  const std::vector<int32_t>& tail = residual.other;
  const std::vector<int64_t>& cost = residual.cost;
  std::vector<int64_t> dist(n, kNoPrice);
  using Entry = std::pair<int64_t, int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
  dist[sink] = 0;
  heap.emplace(0, sink);
  int64_t farthest = 0;
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d != dist[v]) continue;
    farthest = d;
    for (int32_t k = begin[v]; k < begin[v + 1]; ++k) {
      const int32_t u = tail[k];
      const __int128 label = static_cast<__int128>(d) + cost[k] + pi[u] - pi[v];
      if (label >= dist[u]) continue;
      dist[u] = static_cast<int64_t>(label);
      heap.emplace(dist[u], u);
    }
  }
  for (int32_t v = 0; v < n; ++v) pi[v] -= dist[v] < kNoPrice ? dist[v] : farthest;
}

bool SatisfiesComplementarySlackness(const FlowNetwork& net, const std::vector<int32_t>& flow,
                                     const std::vector<int64_t>& pi) {
  for (int32_t a = 0; a < net.arc_count(); ++a) {
    const __int128 reduced =
        static_cast<__int128>(net.cost[a]) + pi[net.source[a]] - pi[net.target[a]];
    if (flow[a] > 0 && reduced > 0) return false;
    if (flow[a] < net.upper[a] && reduced < 0) return false;
  }
  return true;
}

// The auction's current answer as a flow with exact potentials, corrected from its prices
// within `label_work` arc scans per residual arc and node; nullopt when that fails, as it does
// when the answer is not optimal yet.
std::optional<FlowSolution> ExactSolution(const FlowNetwork& network, const Bipartite& b,
                                          const Auction& auction, int64_t label_work,
                                          int64_t& work) {
  FlowSolution solution;
  solution.flow.assign(network.arc_count(), 0);
  std::vector<int32_t> used(b.mentors, 0);
  std::vector<int32_t> matched(b.rows, 0);
  const int32_t units = b.row_unit_begin.back();
  for (int32_t u = 0; u < units; ++u) {
    const int32_t pos = auction.ArcOf(u);
    if (pos < 0) continue;
    ++solution.flow[b.arc_id[pos]];
    ++used[b.arc_mentor[pos]];
    ++matched[b.arc_row[pos]];
  }
  // The arcs into the sink: a row's carries its matched units; a mentor's bypass keeps the
  // room left.
  std::vector<int32_t> node_row(network.node_count, -1);
  for (int32_t r = 0; r < b.rows; ++r) node_row[b.row_node[r]] = r;
  std::vector<int32_t> node_mentor(network.node_count, -1);
  for (int32_t m = 0; m < b.mentors; ++m) node_mentor[b.mentor_node[m]] = m;
  for (int32_t a = 0; a < network.arc_count(); ++a) {
    if (network.target[a] != b.sink) continue;
    const int32_t v = network.source[a];
    solution.flow[a] =
        node_mentor[v] >= 0 ? network.supply[v] - used[node_mentor[v]] : matched[node_row[v]];
  }
  // Potentials from the prices, back in the network's cost units: the sink at 0, a mentor at
  // its cheapest slot's price v, a row with matched units at the highest -(weight - v) of
  // their pairs, any other at 0. Close to exact; corrected below.
  std::vector<int64_t>& pi = solution.potential;
  pi.assign(network.node_count, 0);
  for (int32_t m = 0; m < b.mentors; ++m) pi[b.mentor_node[m]] = auction.MinPrice(m) / b.scale;
  std::vector<uint8_t> priced(b.rows, 0);
  for (int32_t u = 0; u < units; ++u) {
    const int32_t pos = auction.ArcOf(u);
    if (pos < 0) continue;
    const int32_t r = b.arc_row[pos];
    const int64_t value = network.cost[b.arc_id[pos]] + pi[b.mentor_node[b.arc_mentor[pos]]];
    pi[b.row_node[r]] = priced[r] ? std::max(pi[b.row_node[r]], value) : value;
    priced[r] = 1;
  }
  if (!CorrectPotentials(network, solution.flow, pi, label_work, work)) return std::nullopt;
  LowerToSink(network, solution.flow, b.sink, pi);
  if (!SatisfiesComplementarySlackness(network, solution.flow, pi)) return std::nullopt;
  solution.outcome = FlowOutcome::kOptimal;
  return solution;
}

}  // namespace

std::optional<FlowSolution> SolveBMatchingAuction(const FlowNetwork& network,
                                                  const AuctionOptions& options,
                                                  AuctionStats* stats) {
  std::optional<Bipartite> parsed = Parse(network);
  if (!parsed) return std::nullopt;
  const Bipartite& b = *parsed;
  AuctionStats local;
  AuctionStats& s = stats ? *stats : local;
  const Side rows = RowSide(b);
  const Side mentors = MentorSide(b);
  Auction auction(b, rows, mentors);
  std::optional<FlowSolution> solution;
  // In scaled units; beyond the largest weight every phase tries (and the product fits).
  const int64_t finish_from =
      std::clamp<int64_t>(options.finish_from, 0, b.max_weight / b.scale + 1) * b.scale;
  auction.Run(s, [&](int64_t eps) {
    if (eps > finish_from) return false;
    ++s.finish_attempts;
    solution = ExactSolution(network, b, auction, kQuickLabelWork, s.label_work);
    s.finished_early = solution.has_value();
    return s.finished_early;
  });
  if (!solution) solution = ExactSolution(network, b, auction, kLabelWork, s.label_work);
  return solution;
}

}  // namespace pairwise::matching::internal
