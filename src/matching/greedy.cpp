#include "matching/greedy.h"

#include <algorithm>
#include <climits>
#include <memory>

#include "matching/parallel.h"
#include "matching/row_scan.h"
#include "matching/scoring.h"
#include "matching/vector_ops.h"

// Greedy (best pair first, ties by mentee then mentor index) is computed as deferred
// acceptance: every pair is ranked by the same order on both sides, so the stable matching is
// unique and equals the greedy one. Mentees propose down their lists in waves (in parallel),
// mentors keep their best proposals up to their room; a mentee whose list runs out rescans its
// row for the mentors that would still accept it.
namespace pairwise::matching::internal {
namespace {

// A proposal (row r to mentor m with score s), ordered as greedy takes pairs.
struct Proposal {
  int32_t score;
  int32_t row;
  int32_t mentor;
};
bool Before(const Proposal& a, const Proposal& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.row < b.row;
}
// Heap order for a mentor's held proposals: the worst on top.
struct WorstOnTop {
  bool operator()(const Proposal& a, const Proposal& b) const { return Before(a, b); }
};

constexpr int32_t kMaxBatch = 4096;
// A rescan scores the row's pairs one by one when at most this many mentors could still
// accept it, else the whole row at once (vectorized): about where the two cost the same
// (~50 ns a pair, ~1.25 ns a mentor in a whole row).
int32_t PairByPairLimit(int32_t mentors) { return std::max(8, mentors / 40); }

}  // namespace

GreedyOutcome RunGreedy(const ScanScope& scope, const RawLists& lists, std::vector<int32_t> room,
                        int32_t pair_by_pair_limit) {
  const Model& model = *scope.model;
  if (pair_by_pair_limit < 0) pair_by_pair_limit = PairByPairLimit(model.mentor_count);
  const int32_t rows = scope.rows();
  const int32_t stride = model.mentor_stride;
  GreedyOutcome outcome;
  outcome.mentor_of_row.assign(rows, -1);
  room.resize(stride, 0);

  // Per row: its current list (best first) and position; more[r]: the row has eligible pairs
  // beyond the list.
  std::vector<std::vector<Candidate>> list(rows);
  std::vector<int32_t> next(rows, 0);
  std::vector<uint8_t> more(lists.more);
  std::vector<int32_t> batch(rows, std::max<int32_t>(16, 2 * lists.k));
  for (int32_t r = 0; r < rows; ++r) list[r].assign(lists.Begin(r), lists.End(r));
  // Per mentor: held proposals (a heap, worst on top) and, when full, the worst held one:
  // a proposal must come before it to be accepted. cutoff_score is INT32_MIN while not full.
  std::vector<std::vector<Proposal>> held(model.mentor_count);
  std::vector<int32_t> cutoff_score(stride, INT32_MIN);
  std::vector<int32_t> cutoff_row(stride, INT32_MAX);
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    if (room[m] <= 0) cutoff_score[m] = INT32_MAX;  // takes nobody
  }
  auto accepts = [&](int32_t m, int32_t s, int32_t r) {
    return s > cutoff_score[m] || (s == cutoff_score[m] && r < cutoff_row[m]);
  };

  struct Worker {
    std::unique_ptr<RowScratch> scratch;
    std::vector<int32_t> block_max, top_blocks;
    std::vector<Candidate> best;
    int64_t rows_rescored = 0;
    int64_t rows_checked = 0;
  };
  std::vector<Worker> workers(scope.threads);

  // The rows free and with options, proposing in this wave. A row whose list runs out is
  // parked: cutoffs only rise, so rescanning it later (together with the others, in parallel)
  // finds fewer mentors and never a wrong one.
  std::vector<int32_t> active;
  for (int32_t r = 0; r < rows; ++r) {
    if (!list[r].empty() || more[r]) active.push_back(r);
  }
  std::vector<int32_t> parked;
  std::vector<Proposal> proposal(rows);
  // Mentors with room by increasing cutoff, while the parked rows rescan (cutoffs are fixed
  // then): a row's pairs after its list score at most its list's last score, so only a prefix
  // of these mentors could accept one.
  std::vector<std::pair<int32_t, int32_t>> by_cutoff;  // (cutoff_score, mentor)
  auto rescan = [&](Worker& w, int32_t r) {
    const Candidate last = list[r].empty() ? Candidate{-1, INT32_MAX} : list[r].back();
    const auto open_end =
        std::partition_point(by_cutoff.begin(), by_cutoff.end(),
                             [&](const auto& entry) { return entry.first <= last.score; });
    if (!model.explicit_pairs && open_end - by_cutoff.begin() <= pair_by_pair_limit) {
      const int32_t e = scope.mentees[r];
      const std::vector<int32_t>* excluded =
          static_cast<size_t>(r) < scope.excluded.size() ? &scope.excluded[r] : nullptr;
      ++w.rows_checked;
      w.best.clear();
      for (auto it = by_cutoff.begin(); it != open_end; ++it) {
        const int32_t m = it->second;
        if (!model.mentor_open[m] || !Eligible(model, e, m)) continue;
        if (excluded && std::find(excluded->begin(), excluded->end(), m) != excluded->end()) {
          continue;
        }
        const int32_t s = PairScore(model, e, m);
        const bool later = s < last.score || (s == last.score && m > last.mentor);
        if (later && accepts(m, s, r)) w.best.push_back(Candidate{m, s});
      }
      std::sort(w.best.begin(), w.best.end(), BetterCandidate);
    } else {
      ++w.rows_rescored;
      if (!w.scratch) w.scratch = std::make_unique<RowScratch>(model);
      ScoreScopeRow(scope, r, *w.scratch);
      int32_t* values = w.scratch->adjusted();
      GreedyValues(w.scratch->scores(), cutoff_score.data(), cutoff_row.data(), r, last.score,
                   last.mentor, kNoValue, stride, values);
      SelectTopValues(values, stride, batch[r] + 1, w.block_max, w.top_blocks, w.best);
    }
    more[r] = static_cast<int32_t>(w.best.size()) > batch[r] ? 1 : 0;
    if (more[r]) w.best.resize(batch[r]);
    batch[r] = std::min(batch[r] * 2, kMaxBatch);
    list[r] = w.best;
    next[r] = 0;
  };
  while (!active.empty() || !parked.empty()) {
    if (active.empty()) {
      by_cutoff.clear();
      for (int32_t m = 0; m < model.mentor_count; ++m) {
        if (room[m] > 0) by_cutoff.emplace_back(cutoff_score[m], m);
      }
      std::sort(by_cutoff.begin(), by_cutoff.end());
      ParallelFor(scope.threads, static_cast<int64_t>(parked.size()), 16,
                  [&](int worker, int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) rescan(workers[worker], parked[i]);
                  });
      for (int32_t r : parked) {
        if (!list[r].empty()) active.push_back(r);
      }
      parked.clear();
      continue;
    }
    // Each active row picks its best listed mentor that would accept it now.
    for (int32_t r : active) {
      proposal[r].mentor = -1;
      while (next[r] < static_cast<int32_t>(list[r].size())) {
        const Candidate& c = list[r][next[r]++];
        if (accepts(c.mentor, c.score, r)) {
          proposal[r] = Proposal{c.score, r, c.mentor};
          break;
        }
      }
    }
    // Mentors take the proposals in row order (the same whatever the thread count).
    std::vector<int32_t> again;
    for (int32_t r : active) {
      const Proposal p = proposal[r];
      if (p.mentor < 0) {
        if (more[r]) parked.push_back(r);  // list ran out: rescan later
        continue;
      }
      if (!accepts(p.mentor, p.score, r)) {
        again.push_back(r);  // the mentor filled up earlier in this wave
        continue;
      }
      std::vector<Proposal>& h = held[p.mentor];
      h.push_back(p);
      std::push_heap(h.begin(), h.end(), WorstOnTop());
      outcome.mentor_of_row[r] = p.mentor;
      if (static_cast<int32_t>(h.size()) > room[p.mentor]) {
        std::pop_heap(h.begin(), h.end(), WorstOnTop());
        const int32_t rejected = h.back().row;
        h.pop_back();
        outcome.mentor_of_row[rejected] = -1;
        again.push_back(rejected);
      }
      if (static_cast<int32_t>(h.size()) == room[p.mentor]) {
        cutoff_score[p.mentor] = h.front().score;
        cutoff_row[p.mentor] = h.front().row;
      }
    }
    std::sort(again.begin(), again.end());
    active.swap(again);
  }
  for (const Worker& w : workers) {
    outcome.rows_rescored += w.rows_rescored;
    outcome.rows_checked += w.rows_checked;
  }
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    for (const Proposal& p : held[m]) {
      outcome.total += p.score;
      ++outcome.matched;
    }
  }
  return outcome;
}

}  // namespace pairwise::matching::internal
