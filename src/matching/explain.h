// Internal: why a pair was made and why a mentee is unmatched, as data and in words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matching/model.h"
#include "matching/result.h"

namespace pairwise::matching::internal {

// Why mentee `mentee` is unmatched, given how many mentors pass every hard rule for it.
// When none does, counts per rule how many mentors it excludes (`extra_excluded`, the pairs a
// rematch dissolved, count as not previously paired) and names the rule that excludes most.
UnmatchedMentee Diagnose(const Model& model, int32_t mentee, int32_t eligible,
                         const std::vector<int32_t>& extra_excluded);

std::string ExplainPairText(const Model& model, int32_t mentee, int32_t mentor,
                            const Breakdown& breakdown, bool pinned);
std::string ExplainUnmatchedText(const Model& model, const UnmatchedMentee& unmatched);

// "1st", "2nd", "3rd", "11th", "22nd".
std::string Ordinal(int n);

}  // namespace pairwise::matching::internal
