// Internal: the small loops over all mentors of one row that run once per pair scanned. Each
// is a plain loop over int32 columns, compiled for AVX-512 / AVX2 / baseline and picked at
// run time. n is a multiple of kVectorBlock (Model::mentor_stride is).
#pragma once

#include <cstdint>

namespace pairwise::matching::internal {

inline constexpr int32_t kVectorBlock = 32;

// For selection: adjusted[i] = s - price[i] where s = scores[i] | room_mask[i] is >= 0, else
// none; block_adjusted[b] / block_raw[b] = the maximum adjusted value / masked score of block b
// (none when empty); mentor_hit[b] = 1 when some scores[i] > threshold[i] in block b.
void AdjustRow(const int32_t* scores, const int32_t* room_mask, const int32_t* price,
               const int32_t* threshold, int32_t none, int32_t n, int32_t* adjusted,
               int32_t* block_adjusted, int32_t* block_raw, uint8_t* mentor_hit);

// out[i] = scores[i] | room_mask[i] when that is >= 0, else none.
void MaskedScores(const int32_t* scores, const int32_t* room_mask, int32_t none, int32_t n,
                  int32_t* out);

// block_max[b] = max of values over block b.
void BlockMaxima(const int32_t* values, int32_t none, int32_t n, int32_t* block_max);

// For pricing: scores[i] |= room_mask[i] | candidate_mask[i] (hides what cannot be added),
// then filtered[i] = scores[i] - floor[i] when scores[i] >= min_score, else INT32_MIN.
void HideAndFilter(int32_t* scores, const int32_t* room_mask, const int32_t* candidate_mask,
                   const int32_t* floor, int32_t min_score, int32_t n, int32_t* filtered);

// max over i of scores[i] - price[i] where scores[i] >= 0; `none` when there is no such i.
int32_t BestAdjusted(const int32_t* scores, const int32_t* price, int32_t none, int32_t n);

// Per block of kVectorBlock entries: block_max[b] = the max over its i of scores[i] - price[i]
// where scores[i] >= 0, or `none` when there is no such i.
void BlockBestAdjusted(const int32_t* scores, const int32_t* price, int32_t none, int32_t n,
                       int32_t* block_max);

// For pricing: flags[b] = 1 when min(bound, block_bound[b]) + block_slack[b] > row_floor, else
// 0, for b < blocks; returns how many are flagged. The sums must fit in int32 (they do for
// bound within +-2^30 and block_slack within [-2^30, 2^30 + 2^29]).
int32_t FlagBlocks(const int16_t* block_bound, const int32_t* block_slack, int32_t bound,
                   int32_t row_floor, int32_t blocks, uint8_t* flags);

// For the greedy: out[i] = scores[i] when it is >= 0, (scores[i], i) comes after
// (cursor_score, cursor_mentor) in decreasing score then increasing index, and mentor i would
// accept row `row` (scores[i] > cutoff_score[i], or equal and row < cutoff_row[i]); else none.
void GreedyValues(const int32_t* scores, const int32_t* cutoff_score, const int32_t* cutoff_row,
                  int32_t row, int32_t cursor_score, int32_t cursor_mentor, int32_t none, int32_t n,
                  int32_t* out);

}  // namespace pairwise::matching::internal
