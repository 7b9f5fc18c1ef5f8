// The one rule for a mentor's capacity in a program (relief time), for the programs storage and
// whoever reads capacities in bulk (the health board's mentor load).
#pragma once

#include <algorithm>

#include "domain/programs/program.h"

namespace pairwise::domain {

// A mentor's capacity in a program: the program's, or the lower one the mentor set for themself
// (`own`; null when they set none), each figure on its own.
inline MentorCapacity EffectiveCapacity(const MentorCapacity& program, const MentorCapacity* own) {
  if (!own) return program;
  return {std::min(program.mentees, own->mentees),
          std::min(program.hours_per_month, own->hours_per_month)};
}

}  // namespace pairwise::domain
