// Synthetic matching instances with realistic attribute distributions, for tests and
// benchmarks: ~40 departments of uneven size, ~15 sites across time zones, levels 1..10
// (mentors more senior), a management tree up to 8 deep, ~300 skills in families (a person's
// skills cluster in the families of their department), 3-6 wanted and 5-10 offered skills,
// 1-3 languages, ranked choices, mentor preferences, previous pairs and forbids.
//
// Deterministic: the same options give the same instance.
#pragma once

#include <cstdint>

#include "matching/instance.h"

namespace pairwise::matching {

struct SyntheticOptions {
  int32_t mentees = 1000;
  int32_t mentors = 200;
  uint64_t seed = 1;
  int32_t departments = 40;
  int32_t sites = 15;
  int32_t skill_families = 30;
  int32_t skills_per_family = 10;
  int32_t languages = 20;
  int32_t capacity_min = 1;
  int32_t capacity_max = 5;
  double ranking_mentees = 0.3;     // share of mentees who rank 1..5 mentors
  double preferring_mentors = 0.1;  // share of mentors who ask for 1..3 mentees
  double previous_pairs_per_mentee = 0.05;
  double forbidden_per_mentee = 0.01;
  // The rules a typical cross-department program uses: level gap >= 1, other department,
  // shared language, 2 working hours of overlap, not previously paired.
  bool typical_rules = true;
};

Instance MakeSyntheticInstance(const SyntheticOptions& options);

}  // namespace pairwise::matching
