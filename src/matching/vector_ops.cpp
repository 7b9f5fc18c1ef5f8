#include "matching/vector_ops.h"

#include <algorithm>
#include <climits>

// Clones for AVX-512 and AVX2 machines next to the baseline, chosen when the program loads.
// (Not under AddressSanitizer, whose instrumentation does not mix with ifunc resolvers.)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define PAIRWISE_VECTOR_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define PAIRWISE_VECTOR_CLONES
#endif

namespace pairwise::matching::internal {

PAIRWISE_VECTOR_CLONES
void AdjustRow(const int32_t* __restrict scores, const int32_t* __restrict room_mask,
               const int32_t* __restrict price, const int32_t* __restrict threshold, int32_t none,
               int32_t n, int32_t* __restrict adjusted, int32_t* __restrict block_adjusted,
               int32_t* __restrict block_raw, uint8_t* __restrict mentor_hit) {
  for (int32_t b = 0; b < n / kVectorBlock; ++b) {
    int32_t best_adjusted = none;
    int32_t best_raw = -1;
    int32_t over = INT32_MIN;
    for (int32_t i = b * kVectorBlock; i < (b + 1) * kVectorBlock; ++i) {
      const int32_t s = scores[i] | room_mask[i];
      const int32_t a = s >= 0 ? s - price[i] : none;
      adjusted[i] = a;
      best_adjusted = std::max(best_adjusted, a);
      best_raw = std::max(best_raw, s);
      over = std::max(over, scores[i] - threshold[i]);
    }
    block_adjusted[b] = best_adjusted;
    block_raw[b] = best_raw < 0 ? none : best_raw;
    mentor_hit[b] = over > 0;
  }
}

PAIRWISE_VECTOR_CLONES
void MaskedScores(const int32_t* __restrict scores, const int32_t* __restrict room_mask,
                  int32_t none, int32_t n, int32_t* __restrict out) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t s = scores[i] | room_mask[i];
    out[i] = s >= 0 ? s : none;
  }
}

PAIRWISE_VECTOR_CLONES
void BlockMaxima(const int32_t* __restrict values, int32_t none, int32_t n,
                 int32_t* __restrict block_max) {
  for (int32_t b = 0; b < n / kVectorBlock; ++b) {
    int32_t best = none;
    for (int32_t i = b * kVectorBlock; i < (b + 1) * kVectorBlock; ++i) {
      best = std::max(best, values[i]);
    }
    block_max[b] = best;
  }
}

PAIRWISE_VECTOR_CLONES
void HideAndFilter(int32_t* __restrict scores, const int32_t* __restrict room_mask,
                   const int32_t* __restrict candidate_mask, const int32_t* __restrict floor,
                   int32_t min_score, int32_t n, int32_t* __restrict filtered) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t s = scores[i] | room_mask[i] | candidate_mask[i];
    scores[i] = s;
    filtered[i] = s >= min_score && s >= 0 ? s - floor[i] : INT32_MIN;
  }
}

PAIRWISE_VECTOR_CLONES
int32_t BestAdjusted(const int32_t* __restrict scores, const int32_t* __restrict price,
                     int32_t none, int32_t n) {
  int32_t best = none;
  for (int32_t i = 0; i < n; ++i)
    best = std::max(best, scores[i] >= 0 ? scores[i] - price[i] : none);
  return best;
}

PAIRWISE_VECTOR_CLONES
void BlockBestAdjusted(const int32_t* __restrict scores, const int32_t* __restrict price,
                       int32_t none, int32_t n, int32_t* __restrict block_max) {
  for (int32_t b = 0; b < n / kVectorBlock; ++b) {
    int32_t best = none;
    for (int32_t i = b * kVectorBlock; i < (b + 1) * kVectorBlock; ++i) {
      best = std::max(best, scores[i] >= 0 ? scores[i] - price[i] : none);
    }
    block_max[b] = best;
  }
}

PAIRWISE_VECTOR_CLONES
int32_t FlagBlocks(const int16_t* __restrict block_bound, const int32_t* __restrict block_slack,
                   int32_t bound, int32_t row_floor, int32_t blocks, uint8_t* __restrict flags) {
  int32_t flagged = 0;
  for (int32_t b = 0; b < blocks; ++b) {
    const int32_t f = std::min<int32_t>(bound, block_bound[b]) + block_slack[b] > row_floor;
    flags[b] = static_cast<uint8_t>(f);
    flagged += f;
  }
  return flagged;
}

PAIRWISE_VECTOR_CLONES
void GreedyValues(const int32_t* __restrict scores, const int32_t* __restrict cutoff_score,
                  const int32_t* __restrict cutoff_row, int32_t row, int32_t cursor_score,
                  int32_t cursor_mentor, int32_t none, int32_t n, int32_t* __restrict out) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t s = scores[i];
    const bool later = (s < cursor_score) | ((s == cursor_score) & (i > cursor_mentor));
    const bool accepted = (s > cutoff_score[i]) | ((s == cutoff_score[i]) & (row < cutoff_row[i]));
    out[i] = ((s >= 0) & later & accepted) ? s : none;
  }
}

}  // namespace pairwise::matching::internal
