#include "matching/candidates.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "matching/parallel.h"
#include "matching/row_scan.h"
#include "matching/scoring.h"
#include "matching/vector_ops.h"

namespace pairwise::matching::internal {
namespace {

constexpr int64_t kRowsPerChunk = 16;
constexpr int32_t kBlock = kVectorBlock;  // mentors per block of the selection prefilter
constexpr int32_t kNone = kNoValue;
constexpr int32_t kPriceLimit = 1 << 29;      // prices are clamped to 0..kPriceLimit
constexpr int32_t kUnknownScore = INT32_MIN;  // a pair pricing has not scored yet
// A row with more suspect mentors than this is rescored whole, else its pairs are checked one
// by one: about 50 ns a pair, against about 1.25 ns a mentor for the whole row (vectorized),
// and a row checked pair by pair keeps its old bounds for the next round. With 20k mentors,
// limits from 192 to 500 measured the same; 2k mentors (10k x 2k) need the lower ratio.
int32_t PairByPairLimit(int32_t mentors) { return std::max(8, mentors / 100); }

// How many rows a mentor keeps of its own: its room plus a margin.
int32_t MentorListSize(int32_t room, int32_t k) { return room + std::max(4, k / 2); }

// Heap orders: the worst on top.
struct WorstOnTop {
  bool operator()(const Candidate& a, const Candidate& b) const { return BetterCandidate(a, b); }
};

struct RowEntry {
  int32_t row = 0;
  int32_t score = 0;
};
bool BetterRow(const RowEntry& a, const RowEntry& b) {
  return a.score > b.score || (a.score == b.score && a.row < b.row);
}
struct WorstRowOnTop {
  bool operator()(const RowEntry& a, const RowEntry& b) const { return BetterRow(a, b); }
};

// The `keep` best of values[m] (m ascending, ties to the lower m) among blocks whose maximum
// reaches the (keep)-th largest block maximum. Fills `heap` (unsorted, worst on top).
void SelectBest(const int32_t* values, const std::vector<int32_t>& block_max, int32_t keep,
                std::vector<int32_t>& top_blocks, std::vector<Candidate>& heap) {
  // The keep-th largest block maximum bounds the keep-th best value from below.
  top_blocks.clear();
  for (int32_t v : block_max) {
    if (v <= kNone) continue;
    if (static_cast<int32_t>(top_blocks.size()) < keep) {
      top_blocks.push_back(v);
      std::push_heap(top_blocks.begin(), top_blocks.end(), std::greater<>());
    } else if (v > top_blocks.front()) {
      std::pop_heap(top_blocks.begin(), top_blocks.end(), std::greater<>());
      top_blocks.back() = v;
      std::push_heap(top_blocks.begin(), top_blocks.end(), std::greater<>());
    }
  }
  // While the heap fills, values down to the floor may be kept; once it is full only values
  // above its worst can enter (an equal value comes later, so it loses the tie).
  const int32_t floor_value =
      static_cast<int32_t>(top_blocks.size()) == keep ? top_blocks.front() : kNone + 1;
  heap.clear();
  const auto blocks = static_cast<int32_t>(block_max.size());
  int32_t b = 0;
  for (; b < blocks && static_cast<int32_t>(heap.size()) < keep; ++b) {
    if (block_max[b] < floor_value) continue;
    for (int32_t m = b * kBlock; m < (b + 1) * kBlock; ++m) {
      const int32_t v = values[m];
      if (v < floor_value) continue;
      const Candidate c{m, v};
      if (static_cast<int32_t>(heap.size()) == keep) {
        if (!BetterCandidate(c, heap.front())) continue;
        std::pop_heap(heap.begin(), heap.end(), WorstOnTop());
        heap.back() = c;
      } else {
        heap.push_back(c);
      }
      std::push_heap(heap.begin(), heap.end(), WorstOnTop());
    }
  }
  for (; b < blocks; ++b) {
    int32_t worst = heap.front().score;
    if (block_max[b] <= worst) continue;
    for (int32_t m = b * kBlock; m < (b + 1) * kBlock; ++m) {
      const int32_t v = values[m];
      if (v <= worst) continue;
      std::pop_heap(heap.begin(), heap.end(), WorstOnTop());
      heap.back() = Candidate{m, v};
      std::push_heap(heap.begin(), heap.end(), WorstOnTop());
      worst = heap.front().score;
    }
  }
}

// Per-thread state of the candidate scan.
struct ScanWorker {
  ScanWorker(const Model& model, const std::vector<int32_t>& mentor_slots)
      : slots(mentor_slots),
        scratch(model),
        block_adjusted((model.mentor_stride + kBlock - 1) / kBlock),
        block_raw(block_adjusted.size()),
        mentor_hit(block_adjusted.size()),
        mentor_heap(mentor_slots.back()),
        mentor_size(model.mentor_count, 0),
        mentor_threshold(model.mentor_stride, INT32_MAX) {}

  int32_t mentor_slot_begin(int32_t m) const { return slots[m]; }
  int32_t mentor_slots_of(int32_t m) const { return slots[m + 1] - slots[m]; }

  const std::vector<int32_t>& slots;  // mentor m's heap: [slots[m], slots[m + 1])
  RowScratch scratch;
  std::vector<int32_t> block_adjusted;
  std::vector<int32_t> block_raw;
  std::vector<uint8_t> mentor_hit;
  std::vector<int32_t> top_blocks;
  std::vector<Candidate> heap;
  std::vector<RowEntry> mentor_heap;  // mentor m's heap: [slots[m], slots[m] + size[m])
  std::vector<int32_t> mentor_size;
  std::vector<int32_t> mentor_threshold;  // a row must score above this to enter m's heap
  std::vector<Candidate> row;             // sparse rows: the row's eligible pairs by mentor
  std::vector<Candidate> top_candidates;  // sparse rows: the raw list
};

// An upper bound stored in 16 bits: values above the range become its top, which the row's own
// bound then overrides (see CandidateSet::block_bound).
int16_t SaturatedBound(int32_t v) {
  return static_cast<int16_t>(std::clamp<int32_t>(v, INT16_MIN, INT16_MAX));
}

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int32_t Clamp32(int64_t v) {
  return static_cast<int32_t>(std::clamp<int64_t>(v, -(int64_t{1} << 30), int64_t{1} << 30));
}

// SelectCandidates' work on row r for a model with explicit pairs, from the row's list alone:
// what the scan over every mentor computes, where every mentor outside the list is
// ineligible (the same choices, ties and bounds; SelectCandidatesTest compares the two).
// `unpriced`: every price is 0, so the raw ranking is the adjusted one.
void SelectExplicitRow(const ScanScope& scope, int32_t r, const std::vector<int32_t>& room_mask,
                       bool unpriced, CandidateSet& set, ScanWorker& w) {
  const Model& model = *scope.model;
  const int32_t e = scope.mentees[r];
  const std::vector<int32_t>* excluded =
      static_cast<size_t>(r) < scope.excluded.size() ? &scope.excluded[r] : nullptr;
  // The row's eligible pairs, by mentor (the list is sorted by mentor), as ScoreScopeRow.
  std::vector<Candidate>& row = w.row;
  row.clear();
  for (const MentorEntry* it = model.explicit_.begin(e); it != model.explicit_.end(e); ++it) {
    if (!PassesRule(model, HardRule::kManagementChain, e, it->mentor) ||
        !PassesRule(model, HardRule::kForbidden, e, it->mentor)) {
      continue;
    }
    if (excluded && std::find(excluded->begin(), excluded->end(), it->mentor) != excluded->end()) {
      continue;
    }
    row.push_back(Candidate{it->mentor, it->value});
  }
  set.eligible[r] = static_cast<int32_t>(row.size());

  // Base: the best k + 1 pairs with room by adjusted value (ties to the lower mentor); k are
  // kept, the next bounds what is left out, and each block's bound is its best pair left out.
  std::vector<Candidate>& adjusted = w.heap;
  adjusted.clear();
  for (const Candidate& c : row) {
    if (room_mask[c.mentor] == 0)
      adjusted.push_back(Candidate{c.mentor, c.score - set.price[c.mentor]});
  }
  std::sort(adjusted.begin(), adjusted.end(), BetterCandidate);
  const auto kept = static_cast<int32_t>(std::min<size_t>(adjusted.size(), set.k));
  if (static_cast<int32_t>(adjusted.size()) > set.k) set.left_out_bound[r] = adjusted[set.k].score;
  Candidate* out = set.base.data() + static_cast<size_t>(r) * set.k;
  for (int32_t i = 0; i < kept; ++i) {
    *out++ = Candidate{adjusted[i].mentor, adjusted[i].score + set.price[adjusted[i].mentor]};
  }
  set.base_count[r] = kept;
  int16_t* block_bound = set.block_bound.empty() ? nullptr : set.BlockBounds(r);
  for (size_t i = kept; i < adjusted.size(); ++i) {  // none when block_bound is empty
    int16_t& bound = block_bound[adjusted[i].mentor / kBlock];
    bound = std::max(bound, SaturatedBound(adjusted[i].score));
  }

  RawLists& raw = set.raw;
  if (raw.k > 0) {
    std::vector<Candidate>& best = w.top_candidates;
    if (unpriced) {
      best = adjusted;  // the same pairs with the same values, in the same order
    } else {
      best.clear();
      for (const Candidate& c : row) {
        if (room_mask[c.mentor] == 0) best.push_back(c);
      }
      std::sort(best.begin(), best.end(), BetterCandidate);
    }
    if (static_cast<int32_t>(best.size()) > raw.k) {
      raw.more[r] = 1;
      best.resize(raw.k);
    }
    std::copy(best.begin(), best.end(), raw.pairs.begin() + static_cast<size_t>(r) * raw.k);
    raw.count[r] = static_cast<int32_t>(best.size());
    const Candidate* base_begin = set.BaseBegin(r);
    const Candidate* base_end = set.BaseEnd(r);
    int32_t left_out = raw.more[r] ? best.back().score : kNothingLeftOut;
    for (const Candidate& c : best) {
      if (std::none_of(base_begin, base_end,
                       [&](const Candidate& b) { return b.mentor == c.mentor; })) {
        left_out = c.score;
        break;
      }
    }
    set.left_out_score[r] = left_out;
  }

  // Mentor lists, mentors in increasing order as in the scan.
  for (const Candidate& c : row) {
    const int32_t m = c.mentor;
    const int32_t s = c.score;
    if (s <= w.mentor_threshold[m]) continue;
    const int32_t slots = w.mentor_slots_of(m);
    RowEntry* first = w.mentor_heap.data() + w.mentor_slot_begin(m);
    int32_t& size = w.mentor_size[m];
    const RowEntry entry{r, s};
    if (size == slots) {
      std::pop_heap(first, first + size, WorstRowOnTop());
      first[size - 1] = entry;
    } else {
      first[size++] = entry;
    }
    std::push_heap(first, first + size, WorstRowOnTop());
    if (size == slots) w.mentor_threshold[m] = first[0].score;
  }
}

}  // namespace

void SelectTopValues(const int32_t* values, int32_t n, int32_t keep,
                     std::vector<int32_t>& block_max, std::vector<int32_t>& top_blocks,
                     std::vector<Candidate>& best) {
  block_max.resize(n / kBlock);
  BlockMaxima(values, kNone, n, block_max.data());
  SelectBest(values, block_max, keep, top_blocks, best);
  std::sort(best.begin(), best.end(), BetterCandidate);
}

int64_t CandidateSet::PairCount() const {
  int64_t n = 0;
  for (int32_t c : base_count) n += c;
  for (const auto& row : extra) n += static_cast<int64_t>(row.size());
  return n;
}

int32_t ScoreScopeRow(const ScanScope& scope, int32_t r, RowScratch& scratch) {
  int32_t eligible = ScoreRow(*scope.model, scope.mentees[r], scratch);
  if (static_cast<size_t>(r) < scope.excluded.size()) {
    int32_t* scores = scratch.scores();
    for (int32_t m : scope.excluded[r]) {
      if (scores[m] >= 0) {
        scores[m] = kNotEligible;
        --eligible;
      }
    }
  }
  return eligible;
}

CandidateSet SelectCandidates(const ScanScope& scope, const std::vector<int32_t>& room,
                              const SelectOptions& options) {
  const Model& model = *scope.model;
  const int threads = scope.threads;
  CandidateSet set;
  set.row_count = scope.rows();
  set.k = std::max<int32_t>(1, options.k);
  RawLists& raw = set.raw;
  raw.k = std::max<int32_t>(0, options.raw_k);
  const int32_t rows = set.rows();
  set.base.resize(static_cast<size_t>(rows) * set.k);
  set.base_count.assign(rows, 0);
  set.extra.resize(rows);
  set.left_out_bound.assign(rows, kNothingLeftOut);
  set.left_out_score.assign(rows, raw.k > 0 ? kNothingLeftOut : kScoreUnknown);
  set.eligible.assign(rows, 0);
  raw.pairs.resize(static_cast<size_t>(rows) * raw.k);
  raw.count.assign(rows, 0);
  raw.more.assign(rows, 0);
  set.price.assign(model.mentor_stride, 0);
  if (options.price) {
    for (int32_t m = 0; m < model.mentor_count; ++m) {
      set.price[m] = std::clamp((*options.price)[m], 0, kPriceLimit);
    }
  }
  set.row_epoch.assign(rows, 0);
  set.epoch_price.push_back(set.price);
  set.scored.resize(rows);
  set.blocks = model.mentor_stride / kBlock;
  // Block bounds serve only rows that leave a pair out. With explicit lists no longer than k
  // none does (either way of reading them), and rows x blocks bounds would be rows x mentors /
  // 16 bytes to fill for nothing (125 MB for 100,000 mentees and 20,000 mentors): left empty.
  bool none_left_out = model.explicit_pairs;
  for (int32_t r = 0; r < rows && none_left_out; ++r) {
    none_left_out = model.explicit_.size(scope.mentees[r]) <= set.k;
  }
  if (!none_left_out) set.block_bound.assign(static_cast<size_t>(rows) * set.blocks, INT16_MIN);

  // room_mask[m]: 0 with room, -1 without; score | mask keeps or hides the score.
  std::vector<int32_t> room_mask(model.mentor_stride, -1);
  // A mentor's own best rows: its price in the flow depends on the mentees it could take,
  // which the mentees' lists alone under-represent for the less popular mentors.
  std::vector<int32_t> mentor_slots(model.mentor_count + 1, 0);
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    room_mask[m] = room[m] > 0 ? 0 : -1;
    const bool listed = options.mentor_lists && room[m] > 0;
    mentor_slots[m + 1] =
        mentor_slots[m] + (listed ? std::min(rows, MentorListSize(room[m], set.k)) : 0);
  }

  std::vector<std::unique_ptr<ScanWorker>> workers(threads);
  const int32_t blocks = (model.mentor_stride + kBlock - 1) / kBlock;
  const bool sparse = model.explicit_pairs && options.sparse_explicit;
  const bool unpriced =
      std::all_of(set.price.begin(), set.price.end(), [](int32_t p) { return p == 0; });
  ParallelFor(threads, rows, kRowsPerChunk, [&](int worker, int64_t begin, int64_t end) {
    if (!workers[worker]) {
      workers[worker] = std::make_unique<ScanWorker>(model, mentor_slots);
      for (int32_t m = 0; m < model.mentor_count; ++m) {
        if (mentor_slots[m + 1] > mentor_slots[m]) workers[worker]->mentor_threshold[m] = -1;
      }
    }
    ScanWorker& w = *workers[worker];
    const int32_t* mask = room_mask.data();
    const int32_t* price = set.price.data();
    const int32_t* threshold = w.mentor_threshold.data();
    for (int64_t r = begin; r < end; ++r) {
      if (sparse) {
        SelectExplicitRow(scope, static_cast<int32_t>(r), room_mask, unpriced, set, w);
        continue;
      }
      set.eligible[r] = ScoreScopeRow(scope, static_cast<int32_t>(r), w.scratch);
      const int32_t* scores = w.scratch.scores();
      int32_t* adjusted = w.scratch.adjusted();

      // Adjusted values, block maxima, and whether any mentor's list wants a pair of a block.
      AdjustRow(scores, mask, price, threshold, kNone, model.mentor_stride, adjusted,
                w.block_adjusted.data(), w.block_raw.data(), w.mentor_hit.data());

      // Best k + 1 by adjusted value: k are kept, the next bounds what is left out.
      SelectBest(adjusted, w.block_adjusted, set.k + 1, w.top_blocks, w.heap);
      std::vector<Candidate>& heap = w.heap;
      if (static_cast<int32_t>(heap.size()) == set.k + 1) {
        set.left_out_bound[r] = heap.front().score;
        std::pop_heap(heap.begin(), heap.end(), WorstOnTop());
        heap.pop_back();
      }
      std::sort(heap.begin(), heap.end(), BetterCandidate);
      Candidate* out = set.base.data() + r * set.k;
      for (const Candidate& c : heap) *out++ = Candidate{c.mentor, c.score + price[c.mentor]};
      set.base_count[r] = static_cast<int32_t>(heap.size());

      // Block bounds: the blocks' maxima, without the pairs kept.
      for (const Candidate& c : heap) adjusted[c.mentor] = kNone;
      if (!set.block_bound.empty()) {
        int16_t* block_bound = set.BlockBounds(static_cast<int32_t>(r));
        for (int32_t b = 0; b < set.blocks; ++b) {
          block_bound[b] = SaturatedBound(w.block_adjusted[b]);
        }
        for (const Candidate& c : heap) {
          const int32_t b = c.mentor / kBlock;
          block_bound[b] =
              SaturatedBound(*std::max_element(adjusted + b * kBlock, adjusted + (b + 1) * kBlock));
        }
      }

      if (raw.k > 0) {
        MaskedScores(scores, mask, kNone, model.mentor_stride, adjusted);
        SelectBest(adjusted, w.block_raw, raw.k + 1, w.top_blocks, heap);
        if (static_cast<int32_t>(heap.size()) == raw.k + 1) {
          raw.more[r] = 1;
          std::pop_heap(heap.begin(), heap.end(), WorstOnTop());
          heap.pop_back();
        }
        std::sort(heap.begin(), heap.end(), BetterCandidate);
        std::copy(heap.begin(), heap.end(), raw.pairs.begin() + r * raw.k);
        raw.count[r] = static_cast<int32_t>(heap.size());
        // The best raw pair outside the base list bounds every pair left out; when the raw
        // list holds all pairs with room (no more) and the base list all of those, none is.
        const Candidate* base_begin = set.BaseBegin(static_cast<int32_t>(r));
        const Candidate* base_end = set.BaseEnd(static_cast<int32_t>(r));
        int32_t left_out = raw.more[r] ? heap.back().score : kNothingLeftOut;
        for (const Candidate& c : heap) {
          if (std::none_of(base_begin, base_end,
                           [&](const Candidate& b) { return b.mentor == c.mentor; })) {
            left_out = c.score;
            break;
          }
        }
        set.left_out_score[r] = left_out;
      }

      // Mentor lists: offer the row to every mentor whose threshold it passes.
      for (int32_t b = 0; b < blocks; ++b) {
        if (!w.mentor_hit[b]) continue;
        const int32_t last = std::min((b + 1) * kBlock, model.mentor_count);
        for (int32_t m = b * kBlock; m < last; ++m) {
          const int32_t s = scores[m];
          // Rows come in increasing order within a worker, so a tie never enters.
          if (s <= w.mentor_threshold[m]) continue;
          const int32_t slots = mentor_slots[m + 1] - mentor_slots[m];
          RowEntry* first = w.mentor_heap.data() + mentor_slots[m];
          int32_t& size = w.mentor_size[m];
          const RowEntry entry{static_cast<int32_t>(r), s};
          if (size == slots) {
            std::pop_heap(first, first + size, WorstRowOnTop());
            first[size - 1] = entry;
          } else {
            first[size++] = entry;
          }
          std::push_heap(first, first + size, WorstRowOnTop());
          if (size == slots) w.mentor_threshold[m] = first[0].score;
        }
      }
    }
  });

  // Merge the mentors' lists (the same whatever the thread schedule) and add the pairs not
  // already kept for their row.
  std::vector<RowEntry> merged;
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    const int32_t slots = mentor_slots[m + 1] - mentor_slots[m];
    if (slots == 0) continue;
    merged.clear();
    for (const auto& w : workers) {
      if (!w) continue;
      const RowEntry* first = w->mentor_heap.data() + mentor_slots[m];
      merged.insert(merged.end(), first, first + w->mentor_size[m]);
    }
    if (static_cast<int32_t>(merged.size()) > slots) {
      std::nth_element(merged.begin(), merged.begin() + slots, merged.end(), BetterRow);
      merged.resize(slots);
    }
    std::sort(merged.begin(), merged.end(), BetterRow);
    for (const RowEntry& entry : merged) {
      bool present = false;
      for (const Candidate* c = set.BaseBegin(entry.row); c != set.BaseEnd(entry.row); ++c) {
        present = present || c->mentor == m;
      }
      if (!present) set.extra[entry.row].push_back(Candidate{m, entry.score});
    }
  }
  return set;
}

PricingOutcome PriceLeftOutPairs(const ScanScope& scope, CandidateSet& candidates,
                                 const std::vector<int32_t>& room, const ArcWeight& weight,
                                 const std::vector<int64_t>& row_dual,
                                 const std::vector<int64_t>& mentor_dual, int32_t per_row_limit) {
  const Model& model = *scope.model;
  const int threads = scope.threads;
  const int32_t rows = candidates.rows();
  const int64_t a = weight.scale;
  const int64_t b = weight.offset;
  // An improving pair has a*s + b > u + v, hence s > floor((u - b) / a) + floor(v / a): a
  // filter in 32-bit score units with no false negatives; hits are then checked exactly.
  std::vector<int32_t> mentor_floor(model.mentor_stride, INT32_MAX / 4);
  std::vector<int32_t> room_mask(model.mentor_stride, -1);
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    if (room[m] <= 0) continue;
    room_mask[m] = 0;
    mentor_floor[m] = Clamp32(FloorDiv(mentor_dual[m], a));
  }
  // A row's left-out pairs have s - price[m] <= bound (price of the row's epoch), so
  // s - mentor_floor[m] can only exceed row_floor when the slack price[m] - mentor_floor[m]
  // exceeds row_floor - bound; with the bound of m's block in place of the row's, still fewer
  // mentors pass. Per epoch and block of mentors: the largest slack of the block's mentors with
  // room (slacks lie within [-2^30, 2^30 + 2^29]: prices within [0, 2^29], floors within
  // +-2^30), and the largest of all.
  const auto epochs = static_cast<int32_t>(candidates.epoch_price.size());
  std::vector<uint8_t> epoch_used(epochs, 0);
  for (int32_t r = 0; r < rows; ++r) epoch_used[candidates.row_epoch[r]] = 1;
  const int32_t blocks = candidates.blocks;
  std::vector<std::vector<int32_t>> block_slack(epochs);
  std::vector<int32_t> max_slack(epochs, -(1 << 30));
  for (int32_t ep = 0; ep < epochs; ++ep) {
    if (!epoch_used[ep]) continue;
    const std::vector<int32_t>& price = candidates.epoch_price[ep];
    block_slack[ep].assign(blocks, -(1 << 30));
    for (int32_t m = 0; m < model.mentor_count; ++m) {
      if (room[m] <= 0) continue;
      int32_t& block = block_slack[ep][m / kBlock];
      block = std::max(block, price[m] - mentor_floor[m]);
      max_slack[ep] = std::max(max_slack[ep], block);
    }
  }
  // An improving left-out pair also has s <= left_out_score[r], so only mentors with
  // mentor_floor[m] < left_out_score[r] - row_floor can hold one.
  int32_t min_floor = INT32_MAX;
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    if (room[m] > 0) min_floor = std::min(min_floor, mentor_floor[m]);
  }
  // Rows rescanned in full move to a new epoch priced at this round's mentor floors.
  const int32_t new_epoch = epochs;
  PricingOutcome outcome;
  if (std::none_of(room.begin(), room.end(), [](int32_t x) { return x > 0; })) return outcome;
  std::vector<uint8_t> moved(rows, 0);
  const std::vector<int32_t> zero(model.mentor_stride, 0);

  struct Worker {
    explicit Worker(const Model& model)
        : scratch(model),
          candidate_mask(model.mentor_stride, 0),
          known_score(model.mentor_stride, kUnknownScore),
          flagged(model.mentor_stride / kBlock),
          block_max(model.mentor_stride / kBlock) {}
    RowScratch scratch;
    std::vector<int32_t> candidate_mask;  // -1 for the row's candidates, else 0
    std::vector<int32_t> known_score;     // the row's pairs scored before, else kUnknownScore
    std::vector<uint8_t> flagged;         // per block: may hold a suspect
    std::vector<int32_t> block_max;
    std::vector<int32_t> suspects;  // mentors passing both tests
    std::vector<std::pair<__int128, Candidate>> improving;
    int64_t rows_scanned = 0;
    int64_t pairs_checked = 0;
    int64_t pairs_added = 0;
  };
  const int32_t pair_limit = PairByPairLimit(model.mentor_count);
  std::vector<std::unique_ptr<Worker>> workers(threads);
  ParallelFor(threads, rows, kRowsPerChunk, [&](int worker, int64_t begin, int64_t end) {
    if (!workers[worker]) workers[worker] = std::make_unique<Worker>(model);
    Worker& w = *workers[worker];
    int32_t* candidate_mask = w.candidate_mask.data();
    int32_t* known_score = w.known_score.data();
    for (int64_t r = begin; r < end; ++r) {
      const int32_t bound = candidates.left_out_bound[r];
      const int32_t score_bound = candidates.left_out_score[r];
      if (bound == kNothingLeftOut || score_bound == kNothingLeftOut) continue;
      const int32_t row_floor = Clamp32(FloorDiv(row_dual[r] - b, a));
      const int64_t need = static_cast<int64_t>(row_floor) - bound;
      const std::vector<int32_t>& price = candidates.epoch_price[candidates.row_epoch[r]];
      // No mentor's slack exceeds `need`, or no mentor's floor is low enough: nothing to check.
      if (max_slack[candidates.row_epoch[r]] <= need) continue;
      const int64_t floor_limit = static_cast<int64_t>(score_bound) - row_floor;
      if (score_bound != kScoreUnknown && min_floor >= floor_limit) continue;
      // The mentors that pass both tests with their block's bound in place of the row's, while
      // they are few.
      w.suspects.clear();
      int16_t* block_bound = candidates.BlockBounds(static_cast<int32_t>(r));
      if (FlagBlocks(block_bound, block_slack[candidates.row_epoch[r]].data(), Clamp32(bound),
                     row_floor, blocks, w.flagged.data()) == 0) {
        continue;
      }
      bool few = true;
      for (int32_t blk = 0; blk < blocks && few; ++blk) {
        if (!w.flagged[blk]) continue;
        const int64_t bound_of_block = std::min<int32_t>(bound, block_bound[blk]);
        const int32_t last = std::min((blk + 1) * kBlock, model.mentor_count);
        for (int32_t m = blk * kBlock; m < last; ++m) {
          if (room[m] > 0 && bound_of_block + price[m] - mentor_floor[m] > row_floor &&
              mentor_floor[m] < floor_limit) {
            w.suspects.push_back(m);
          }
        }
        few = static_cast<int32_t>(w.suspects.size()) <= pair_limit;
      }
      if (few && w.suspects.empty()) continue;

      const __int128 u = row_dual[r];
      auto improves = [&](int32_t m, int32_t s) {
        const __int128 gain = static_cast<__int128>(weight.Of(s)) - u - mentor_dual[m];
        if (gain > 0) w.improving.emplace_back(gain, Candidate{m, s});
        return gain > 0;
      };
      for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) {
        candidate_mask[c->mentor] = -1;
      }
      for (const Candidate& c : candidates.extra[r]) candidate_mask[c.mentor] = -1;
      w.improving.clear();
      const int32_t e = scope.mentees[r];
      if (few) {
        const std::vector<int32_t>* excluded =
            static_cast<size_t>(r) < scope.excluded.size() ? &scope.excluded[r] : nullptr;
        std::vector<Candidate>& scored = candidates.scored[r];
        for (const Candidate& c : scored) known_score[c.mentor] = c.score;
        for (const int32_t m : w.suspects) {
          if (candidate_mask[m]) continue;
          int32_t s = known_score[m];
          if (s == kUnknownScore) {
            if (excluded && std::find(excluded->begin(), excluded->end(), m) != excluded->end()) {
              continue;
            }
            ++w.pairs_checked;
            s = Eligible(model, e, m) ? PairScore(model, e, m) : kNotEligible;
            scored.push_back(Candidate{m, s});
          }
          if (s >= 0 && s >= weight.min_score) improves(m, s);
        }
        for (const Candidate& c : scored) known_score[c.mentor] = kUnknownScore;
      } else {
        ++w.rows_scanned;
        ScoreScopeRow(scope, static_cast<int32_t>(r), w.scratch);
        int32_t* scores = w.scratch.scores();
        // Hide pairs that are candidates, lack room or score below min_score, then look
        // closer only at the blocks holding a pair that passes the filter.
        int32_t* filtered = w.scratch.adjusted();
        HideAndFilter(scores, room_mask.data(), candidate_mask, mentor_floor.data(),
                      weight.min_score, model.mentor_stride, filtered);
        BlockMaxima(filtered, INT32_MIN, model.mentor_stride, w.block_max.data());
        for (int32_t blk = 0; blk < blocks; ++blk) {
          if (w.block_max[blk] <= row_floor) continue;
          for (int32_t m = blk * kBlock; m < (blk + 1) * kBlock; ++m) {
            if (filtered[m] > row_floor) improves(m, scores[m]);
          }
        }
        if (static_cast<int32_t>(w.improving.size()) > per_row_limit) {
          std::nth_element(w.improving.begin(), w.improving.begin() + per_row_limit,
                           w.improving.end(), [](const auto& x, const auto& y) {
                             return x.first > y.first ||
                                    (x.first == y.first && x.second.mentor < y.second.mentor);
                           });
          w.improving.resize(per_row_limit);
        }
        // The bound over what stays left out, added pairs aside (vectorized).
        for (const auto& [gain, c] : w.improving) scores[c.mentor] = -1;
        BlockBestAdjusted(scores, mentor_floor.data(), kNothingLeftOut, model.mentor_stride,
                          w.block_max.data());
        int32_t best = kNothingLeftOut;
        for (int32_t blk = 0; blk < blocks; ++blk) {
          best = std::max(best, w.block_max[blk]);
          block_bound[blk] = SaturatedBound(w.block_max[blk]);
        }
        candidates.left_out_bound[r] = best;
        candidates.scored[r].clear();
        candidates.left_out_score[r] =
            BestAdjusted(scores, zero.data(), kNothingLeftOut, model.mentor_stride);
        moved[r] = 1;
      }
      for (const Candidate* c = candidates.BaseBegin(r); c != candidates.BaseEnd(r); ++c) {
        candidate_mask[c->mentor] = 0;
      }
      for (const Candidate& c : candidates.extra[r]) candidate_mask[c.mentor] = 0;
      // Pair-by-pair hits do not tighten the bound; a later round checks those mentors again
      // and finds them among the candidates.
      for (const auto& [gain, c] : w.improving) candidates.extra[r].push_back(c);
      w.pairs_added += static_cast<int64_t>(w.improving.size());
    }
  });
  bool any_moved = false;
  for (int32_t r = 0; r < rows; ++r) {
    if (moved[r]) {
      candidates.row_epoch[r] = new_epoch;
      any_moved = true;
    }
  }
  if (any_moved) candidates.epoch_price.push_back(mentor_floor);
  for (const auto& w : workers) {
    if (!w) continue;
    outcome.rows_scanned += w->rows_scanned;
    outcome.pairs_checked += w->pairs_checked;
    outcome.pairs_added += w->pairs_added;
  }
  return outcome;
}

}  // namespace pairwise::matching::internal
