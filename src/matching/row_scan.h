// Internal: the hot loop. Scores one mentee against every mentor at once, vectorized over the
// mentor columns of the Model; identical results to ScoreRowScalar (scoring.h).
#pragma once

#include <cstdint>
#include <vector>

#include "matching/model.h"

namespace pairwise::matching::internal {

// Per-thread scratch memory for ScoreRow. Not shared between threads.
class RowScratch {
 public:
  explicit RowScratch(const Model& model)
      : scores_(model.mentor_stride),
        skill_sum_(model.mentor_stride),
        adjusted_(model.mentor_stride) {}
  int32_t* scores() { return scores_.data(); }
  int32_t* skill_sum() { return skill_sum_.data(); }
  int32_t* adjusted() { return adjusted_.data(); }  // free for the caller's use

 private:
  std::vector<int32_t> scores_;
  std::vector<int32_t> skill_sum_;
  std::vector<int32_t> adjusted_;
};

// Fills scratch.scores()[m] for every mentor m (mentor_stride entries) with the pair score or
// kNotEligible, applying every hard rule, sparse criterion (ranks, preferences) and exclusion
// (forbidden, previous pairs). Uses the vectorized scan when the model allows it and
// options.vectorized_scan is set, else the scalar reference. Returns the eligible count.
int32_t ScoreRow(const Model& model, int32_t mentee, RowScratch& scratch);

}  // namespace pairwise::matching::internal
