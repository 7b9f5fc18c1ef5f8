#include "matching/repair.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

namespace pairwise::matching::internal {
namespace {

constexpr int64_t kInfinity = std::numeric_limits<int64_t>::max();

// The b-matching as a flow: each row sends its unit to a mentor over a pair (cost -weight) or
// straight to the sink T (cost 0: unmatched), and each mentor passes what it gets on to T (at
// most its capacity, cost 0). Potentials phi make every residual arc's reduced cost
// cost - phi(from) + phi(to) non-negative; u = phi(T) - phi(row), v = phi(mentor) - phi(T).
// Rows taken out of the answer are excess nodes; the mentor (or T) that lost their unit is a
// deficit node. Each search is Dijkstra from one excess row to the nearest deficit node.
//
// Unmatched rows all keep u = 0, that is phi(row) = phi(T) (their arc from T then costs 0,
// and the searches keep it so). They are not nodes of the searches: an unmatched row y taking
// mentor m is a path T -> y -> m of reduced cost v - weight, so T has one arc per mentor for
// the best such y (kept up to date per mentor), instead of one arc per unmatched row. In a
// program with many more mentees than places those are most rows, all at T's distance.
class Repairer {
 public:
  Repairer(const PairGraph& graph, const std::vector<int32_t>& capacity)
      : graph_(graph), capacity_(capacity), rows_(graph.rows), sink_(graph.rows + graph.mentors) {}

  bool Load(const BMatching& matching) {
    const int32_t mentors = graph_.mentors;
    if (graph_.row_begin.size() != static_cast<size_t>(rows_) + 1 ||
        graph_.weight.size() != graph_.mentor.size() ||
        capacity_.size() != static_cast<size_t>(mentors) ||
        matching.pair_of_row.size() != static_cast<size_t>(rows_) ||
        matching.row_dual.size() != static_cast<size_t>(rows_) ||
        matching.mentor_dual.size() != static_cast<size_t>(mentors) || graph_.row_begin[0] != 0 ||
        graph_.row_begin[rows_] != graph_.pair_count()) {
      return false;
    }
    for (int32_t r = 0; r < rows_; ++r) {
      if (graph_.row_begin[r] > graph_.row_begin[r + 1]) return false;
    }
    for (int32_t m : graph_.mentor) {
      if (m < 0 || m >= mentors || capacity_[m] <= 0) return false;
    }
    pair_of_row_ = matching.pair_of_row;
    std::vector<int32_t> taken(mentors, 0);
    for (int32_t r = 0; r < rows_; ++r) {
      const int32_t p = pair_of_row_[r];
      if (p == -1) continue;
      if (p < graph_.row_begin[r] || p >= graph_.row_begin[r + 1]) return false;
      if (++taken[graph_.mentor[p]] > capacity_[graph_.mentor[p]]) return false;
    }
    phi_.assign(static_cast<size_t>(sink_) + 1, 0);
    // Mentors below capacity need v = 0 (their arc to T has room both ways, or no reverse when
    // empty); mentors at capacity v >= 0. Rows whose arcs this breaks are placed again below.
    for (int32_t m = 0; m < mentors; ++m) {
      phi_[rows_ + m] = taken[m] < capacity_[m] ? 0 : std::max<int64_t>(0, matching.mentor_dual[m]);
    }
    // A row keeps its place only if all its residual arcs have non-negative reduced costs.
    std::vector<int32_t> unplaced;
    for (int32_t r = 0; r < rows_; ++r) {
      const int64_t u = matching.row_dual[r];
      const int32_t own = pair_of_row_[r];
      bool ok = own >= 0 ? u >= 0 : u <= 0;
      for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1] && ok; ++p) {
        const int64_t slack = u + phi_[rows_ + graph_.mentor[p]] - graph_.weight[p];
        ok = p == own ? slack <= 0 : slack >= 0;
      }
      if (ok) {
        phi_[r] = own >= 0 ? -u : phi_[sink_];
      } else {
        unplaced.push_back(r);
      }
    }
    // The flow: rows in place route their unit; mentors keep their flow to T, so a mentor
    // that lost a row is short of one unit (a deficit), as is T for a row that was unmatched.
    // Each mentor's rows in a block of capacity + 1 slots (a path adds a row to a mentor just
    // before it takes another away). The weights ride along: the searches read them there.
    member_begin_.assign(static_cast<size_t>(mentors) + 1, 0);
    for (int32_t m = 0; m < mentors; ++m) {
      member_begin_[m + 1] = member_begin_[m] + std::max(0, capacity_[m]) + 1;
    }
    member_slots_.resize(member_begin_[mentors]);
    member_count_.assign(mentors, 0);
    position_.assign(rows_, 0);
    arcs_.resize(graph_.mentor.size());
    for (size_t p = 0; p < arcs_.size(); ++p) {
      arcs_[p] = Arc{graph_.weight[p], rows_ + graph_.mentor[p]};
    }
    BuildMentorLists();
    to_sink_.assign(mentors, 0);
    mentor_deficit_.assign(mentors, 0);
    for (int32_t m = 0; m < mentors; ++m) to_sink_[m] = taken[m];
    state_.assign(rows_, kToMentor);
    for (int32_t r : unplaced) state_[r] = kUnplaced;
    for (int32_t r = 0; r < rows_; ++r) {
      const int32_t own = pair_of_row_[r];
      if (state_[r] == kUnplaced) {
        if (own >= 0) {
          ++mentor_deficit_[graph_.mentor[own]];
        } else {
          ++sink_deficit_;
        }
        pair_of_row_[r] = -1;
        continue;
      }
      if (own >= 0) {
        AddMember(r, graph_.mentor[own]);
      } else {
        state_[r] = kToSink;
      }
    }
    best_unmatched_.assign(mentors, -1);
    for (int32_t m = 0; m < mentors; ++m) FindBestUnmatched(m);
    // Unplaced rows have no arc in: the lowest u that makes their arcs out non-negative.
    for (int32_t r : unplaced) {
      int64_t low = phi_[sink_];
      for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1]; ++p) {
        low = std::min(low, phi_[rows_ + graph_.mentor[p]] - graph_.weight[p]);
      }
      phi_[r] = low;
    }
    unplaced_ = std::move(unplaced);
    return true;
  }

  bool Run(int64_t max_nodes_settled, RepairStats& stats) {
    dist_.assign(phi_.size(), kInfinity);
    settled_.assign(phi_.size(), 0);
    pred_node_.assign(phi_.size(), -1);
    pred_pair_.assign(phi_.size(), -1);
    stats.rows_reinserted += static_cast<int64_t>(unplaced_.size());
    for (int32_t r : unplaced_) {
      ++stats.searches;
      const int32_t target = Search(r);
      if (target < 0) return false;
      stats.nodes_settled += static_cast<int64_t>(settled_list_.size());
      if (stats.nodes_settled > max_nodes_settled) return false;
      Augment(r, target);
      // Johnson's update: settled nodes move by how much nearer than the target they are,
      // which keeps every reduced cost non-negative and zeroes them along the path.
      const int64_t reach = dist_[target];
      for (int32_t n : settled_list_) phi_[n] += reach - dist_[n];
      for (int32_t n : touched_) {
        dist_[n] = kInfinity;
        settled_[n] = 0;
      }
      touched_.clear();
      settled_list_.clear();
      heap_ = {};
    }
    return sink_deficit_ == 0 && std::all_of(mentor_deficit_.begin(), mentor_deficit_.end(),
                                             [](int32_t d) { return d == 0; });
  }

  // Tightens the duals (see the header) and checks them on every pair.
  bool Store(BMatching& matching) const {
    const int32_t mentors = graph_.mentors;
    std::vector<int64_t> u(rows_), v(mentors, 0);
    for (int32_t r = 0; r < rows_; ++r) u[r] = phi_[sink_] - phi_[r];
    for (int32_t m = 0; m < mentors; ++m) {
      if (capacity_[m] <= 0 || member_count_[m] < capacity_[m]) continue;
      int64_t high = kInfinity;
      for (int64_t i = member_begin_[m]; i < member_begin_[m] + member_count_[m]; ++i) {
        high = std::min(high, member_slots_[i].weight - u[member_slots_[i].row]);
      }
      v[m] = high;
    }
    for (int32_t r = 0; r < rows_; ++r) {
      const int32_t own = pair_of_row_[r];
      u[r] = own < 0 ? 0 : graph_.weight[own] - v[graph_.mentor[own]];
      if (u[r] < 0) return false;
      for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1]; ++p) {
        if (u[r] + v[graph_.mentor[p]] < graph_.weight[p]) return false;
      }
    }
    for (int32_t m = 0; m < mentors; ++m) {
      if (v[m] < 0) return false;
    }
    matching.pair_of_row = pair_of_row_;
    matching.row_dual = std::move(u);
    matching.mentor_dual = std::move(v);
    return true;
  }

 private:
  enum RowState : uint8_t { kToMentor, kToSink, kUnplaced };

  // pair_of_row_[r] must already name the pair.
  void AddMember(int32_t r, int32_t m) {
    const int64_t slot = member_begin_[m] + member_count_[m]++;
    member_slots_[slot] = Member{graph_.weight[pair_of_row_[r]], r};
    position_[r] = slot;
    state_[r] = kToMentor;
  }
  void RemoveMember(int32_t m, int32_t r) {
    const int64_t last = member_begin_[m] + --member_count_[m];
    const int64_t at = position_[r];
    member_slots_[at] = member_slots_[last];
    position_[member_slots_[at].row] = at;
  }
  void AddToSink(int32_t r) {
    state_[r] = kToSink;
    for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1]; ++p) {
      int32_t& best = best_unmatched_[graph_.mentor[p]];
      if (best < 0 || graph_.weight[p] > graph_.weight[best]) best = static_cast<int32_t>(p);
    }
  }
  void LeaveSink(int32_t r) {
    state_[r] = kUnplaced;
    for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1]; ++p) {
      if (best_unmatched_[graph_.mentor[p]] == p) FindBestUnmatched(graph_.mentor[p]);
    }
  }
  void FindBestUnmatched(int32_t m) {
    int32_t best = -1;
    for (int64_t i = mentor_begin_[m]; i < mentor_begin_[m + 1]; ++i) {
      const int32_t p = mentor_pairs_[i];
      if (state_[pair_row_[p]] != kToSink) continue;
      if (best < 0 || graph_.weight[p] > graph_.weight[best]) best = p;
    }
    best_unmatched_[m] = best;
  }
  void BuildMentorLists() {
    const int32_t mentors = graph_.mentors;
    mentor_begin_.assign(static_cast<size_t>(mentors) + 1, 0);
    for (int32_t m : graph_.mentor) ++mentor_begin_[m + 1];
    for (int32_t m = 0; m < mentors; ++m) mentor_begin_[m + 1] += mentor_begin_[m];
    mentor_pairs_.resize(graph_.mentor.size());
    pair_row_.resize(graph_.mentor.size());
    std::vector<int64_t> next(mentor_begin_.begin(), mentor_begin_.end() - 1);
    for (int32_t r = 0; r < rows_; ++r) {
      for (int64_t p = graph_.row_begin[r]; p < graph_.row_begin[r + 1]; ++p) {
        pair_row_[p] = r;
        mentor_pairs_[next[graph_.mentor[p]]++] = static_cast<int32_t>(p);
      }
    }
  }

  bool IsDeficit(int32_t node) const {
    if (node == sink_) return sink_deficit_ > 0;
    return node >= rows_ && mentor_deficit_[node - rows_] > 0;
  }

  // Deficit nodes are never queued: the nearest one found so far bounds the search, and
  // nothing at that distance or beyond needs to be queued or settled.
  void Relax(int32_t node, int64_t distance, int32_t from, int32_t pair) {
    if (distance >= dist_[node] || distance >= bound_) return;
    if (dist_[node] == kInfinity) touched_.push_back(node);
    dist_[node] = distance;
    pred_node_[node] = from;
    pred_pair_[node] = pair;
    if (IsDeficit(node)) {
      bound_ = distance;
      bound_node_ = node;
    } else {
      heap_.emplace(distance, node);
    }
  }

  // Dijkstra from `source` over reduced costs; returns the nearest deficit node (settled), or
  // -1 when none can be reached (or a reduced cost came out negative: the potentials are
  // wrong).
  int32_t Search(int32_t source) {
    bound_ = kInfinity;
    bound_node_ = -1;
    dist_[source] = 0;
    touched_.push_back(source);
    heap_.emplace(0, source);
    bool negative = false;
    auto relax = [&](int32_t to, int64_t d, int64_t reduced, int32_t from, int32_t pair) {
      if (reduced < 0) negative = true;
      Relax(to, d + reduced, from, pair);
    };
    while (!heap_.empty() && !negative) {
      const auto [d, node] = heap_.top();
      if (d >= bound_) break;
      heap_.pop();
      if (settled_[node] || d != dist_[node]) continue;
      settled_[node] = 1;
      settled_list_.push_back(node);
      const int64_t phi = phi_[node];
      if (node < rows_) {
        const int32_t own = pair_of_row_[node];
        const int64_t end = graph_.row_begin[node + 1];
        for (int64_t p = graph_.row_begin[node]; p < end; ++p) {
          if (p == own) continue;
          const Arc arc = arcs_[p];
          relax(arc.node, d, -arc.weight - phi + phi_[arc.node], node, static_cast<int32_t>(p));
        }
        if (state_[node] != kToSink) relax(sink_, d, phi_[sink_] - phi, node, -1);
      } else if (node < sink_) {
        const int32_t m = node - rows_;
        const int64_t end = member_begin_[m] + member_count_[m];
        for (int64_t i = member_begin_[m]; i < end; ++i) {
          const Member member = member_slots_[i];
          relax(member.row, d, member.weight - phi + phi_[member.row], node, -1);
        }
        if (to_sink_[m] < capacity_[m]) relax(sink_, d, phi_[sink_] - phi, node, -1);
      } else {
        for (int32_t m = 0; m < graph_.mentors; ++m) {
          const int64_t v = phi_[rows_ + m] - phi;
          if (to_sink_[m] > 0) relax(rows_ + m, d, v, node, -1);
          const int32_t best = best_unmatched_[m];
          if (best >= 0) relax(rows_ + m, d, v - graph_.weight[best], node, best);
        }
      }
    }
    if (negative || bound_node_ < 0) return -1;
    settled_[bound_node_] = 1;
    settled_list_.push_back(bound_node_);
    return bound_node_;
  }

  // Moves one unit along the path the search found, from the source row to `target`.
  void Augment(int32_t source, int32_t target) {
    path_.clear();
    for (int32_t n = target; n != source; n = pred_node_[n]) path_.push_back(n);
    path_.push_back(source);
    std::reverse(path_.begin(), path_.end());
    // In path order, so that a row leaves its old place before it takes the new one.
    for (size_t i = 0; i + 1 < path_.size(); ++i) {
      const int32_t from = path_[i];
      const int32_t to = path_[i + 1];
      if (from < rows_) {
        if (to == sink_) {
          AddToSink(from);
        } else {
          pair_of_row_[from] = pred_pair_[to];
          AddMember(from, to - rows_);
        }
      } else if (from < sink_) {
        const int32_t m = from - rows_;
        if (to == sink_) {
          ++to_sink_[m];
        } else {
          RemoveMember(m, to);
          pair_of_row_[to] = -1;
          state_[to] = kUnplaced;
        }
      } else if (pred_pair_[to] >= 0) {
        // T -> y -> mentor for an unmatched row y, whose potential is T's: it moves with T.
        const int32_t p = pred_pair_[to];
        const int32_t y = pair_row_[p];
        LeaveSink(y);
        phi_[y] = phi_[sink_];
        dist_[y] = dist_[sink_];
        touched_.push_back(y);
        settled_list_.push_back(y);
        pair_of_row_[y] = p;
        AddMember(y, to - rows_);
      } else {
        --to_sink_[to - rows_];
      }
    }
    if (target == sink_) {
      --sink_deficit_;
    } else {
      --mentor_deficit_[target - rows_];
    }
  }

  const PairGraph& graph_;
  const std::vector<int32_t>& capacity_;
  const int32_t rows_;
  const int32_t sink_;  // node ids: rows, then mentors, then T

  std::vector<int64_t> phi_;
  std::vector<int32_t> pair_of_row_;
  std::vector<RowState> state_;
  struct Arc {
    int64_t weight;
    int32_t node;  // the mentor's
  };
  struct Member {
    int64_t weight;  // of its pair
    int32_t row;
  };
  std::vector<Arc> arcs_;  // per pair, for the searches
  std::vector<Member> member_slots_;
  std::vector<int64_t> member_begin_;  // per mentor: its block of member_slots_
  std::vector<int32_t> member_count_;
  std::vector<int64_t> mentor_begin_;  // the pairs by mentor: mentor_pairs_[begin..)
  std::vector<int32_t> mentor_pairs_;
  std::vector<int32_t> pair_row_;
  std::vector<int32_t> best_unmatched_;  // per mentor: its best pair with an unmatched row
  std::vector<int64_t> position_;        // per row: its slot in member_slots_
  std::vector<int32_t> to_sink_;         // per mentor: flow on its arc to T
  std::vector<int32_t> mentor_deficit_;
  int32_t sink_deficit_ = 0;
  std::vector<int32_t> unplaced_;

  // Search scratch.
  int64_t bound_ = kInfinity;  // distance of the nearest deficit node found
  int32_t bound_node_ = -1;
  std::vector<int64_t> dist_;
  std::vector<uint8_t> settled_;
  std::vector<int32_t> pred_node_;
  std::vector<int32_t> pred_pair_;
  std::vector<int32_t> touched_;
  std::vector<int32_t> settled_list_;
  std::vector<int32_t> path_;
  std::priority_queue<std::pair<int64_t, int32_t>, std::vector<std::pair<int64_t, int32_t>>,
                      std::greater<>>
      heap_;
};

}  // namespace

bool RepairBMatching(const PairGraph& graph, const std::vector<int32_t>& capacity,
                     BMatching& matching, const RepairOptions& options, RepairStats* stats) {
  Repairer repairer(graph, capacity);
  if (!repairer.Load(matching)) return false;
  RepairStats local;
  const bool repaired = repairer.Run(options.max_nodes_settled, local) && repairer.Store(matching);
  if (stats != nullptr) {
    stats->rows_reinserted += local.rows_reinserted;
    stats->searches += local.searches;
    stats->nodes_settled += local.nodes_settled;
  }
  return repaired;
}

}  // namespace pairwise::matching::internal
