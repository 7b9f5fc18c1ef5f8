// Internal: the compact, validated form of an Instance that every phase of the engine reads.
//
// Mentor attributes are columns of int32 (structure of arrays) padded to a multiple of
// kMentorPad, so the scan of one mentee against all mentors is a straight vectorizable loop.
// Strings are interned to small integers; the management tree is flattened into Euler-tour
// intervals [tin, tout): the mentor is in the mentee's chain (above or below) exactly when
// their intervals overlap. Skill levels are stored per skill as a column over mentors.
//
// A Model is immutable after BuildModel and may be read from any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "matching/engine.h"
#include "matching/instance.h"

namespace pairwise::matching::internal {

inline constexpr int kMentorPad = 64;

// A sparse per-mentee entry: ranked choices, preferences, exclusions, explicit pairs.
struct MentorEntry {
  int32_t mentor = 0;
  int32_t value = 0;  // rank (1-based), points, HardRule, or explicit score depending on list
};

// Compressed rows: entries of mentee e are items[offset[e] .. offset[e + 1]).
struct SparseRows {
  std::vector<int32_t> offset;  // mentee_count + 1
  std::vector<MentorEntry> items;

  const MentorEntry* begin(int32_t e) const { return items.data() + offset[e]; }
  const MentorEntry* end(int32_t e) const { return items.data() + offset[e + 1]; }
  int32_t size(int32_t e) const { return offset[e + 1] - offset[e]; }
};

struct Model {
  Instance instance;
  EngineOptions options;
  double prepare_ms = 0;

  int32_t mentor_count = 0;
  int32_t mentee_count = 0;
  int32_t mentor_stride = 0;  // mentor_count rounded up to kMentorPad

  // Rule and scoring parameters, resolved.
  bool explicit_pairs = false;
  bool rule_level_gap = false;
  int32_t min_level_gap = 0;
  bool rule_other_department = false;
  bool rule_shared_language = false;
  bool rule_timezone = false;
  int32_t max_timezone_distance = 0;  // minutes; the overlap rule holds iff distance <= this
  int32_t workday_minutes = 480;
  bool rule_credentialed = false;
  bool rule_not_previous = false;
  bool groups = false;
  int32_t group_min = 0;
  int32_t group_max = 0;
  std::array<int32_t, kCriterionCount> weight{};
  int32_t target_level_gap = 0;
  int32_t level_gap_step = 0;
  bool department_same = false;  // the department criterion rewards sameness
  bool site_same = true;
  int64_t max_pair_score = 0;  // no pair scores more (bound used by the objectives)

  // Mentor columns, length mentor_stride. Padding mentors are never eligible (open = 0).
  std::vector<int32_t> mentor_tin, mentor_tout;
  std::vector<int32_t> mentor_signed_level;  // level, negated under reverse mentoring
  std::vector<int32_t> mentor_department, mentor_site, mentor_utc;
  std::vector<int32_t> mentor_hours_per_mentee;
  std::vector<int32_t> mentor_lang_lo, mentor_lang_hi;  // language bits 0..31, 32..63
  std::vector<int32_t> mentor_open;                     // 1: passes mentor-only rules
  std::vector<int32_t> mentor_capacity;                 // effective (group max applied)
  std::vector<uint8_t> mentor_credentialed;
  // skill_level[column * mentor_stride + mentor]: proficiency 0 (none) .. 5. One column per
  // skill that is both wanted and offered.
  std::vector<uint8_t> skill_level;
  std::vector<uint8_t> zero_levels;  // mentor_stride zeros: an empty skill column
  std::vector<int32_t> zero_sums;    // mentor_stride zeros

  // Mentee columns, length mentee_count.
  std::vector<int32_t> mentee_tin, mentee_tout, mentee_signed_level;
  std::vector<int32_t> mentee_department, mentee_site, mentee_utc, mentee_hours;
  std::vector<int32_t> mentee_lang_lo, mentee_lang_hi;
  std::vector<int32_t> mentee_skill_den;  // sum of wanted levels
  // Wanted skills in the mentee's order: mentor = skill column (-1 when no mentor offers the
  // skill), value = level wanted.
  SparseRows wanted;

  // Languages of each person as sorted interned ids (exact for any number of languages).
  std::vector<std::vector<int32_t>> mentor_languages, mentee_languages;
  bool language_masks_exact = true;  // <= 64 distinct languages: the masks are exact

  SparseRows ranked;     // value = rank (1-based)
  SparseRows preferred;  // mentors who asked for the mentee; value unused
  SparseRows excluded;   // forbidden / previous pairs; value = HardRule; sorted by mentor
  SparseRows explicit_;  // explicit mode: value = score; sorted by mentor

  // Pins, as (mentee, mentor); at most one per mentee.
  std::vector<int32_t> pinned_mentor;  // per mentee, -1 if none

  std::unordered_map<std::string, int32_t> mentor_by_id, mentee_by_id;
  std::vector<std::string> language_names;
  std::vector<std::string> department_names, site_names;  // by interned id (>= 0)

  const std::string& MentorId(int32_t m) const { return instance.mentors[m].person.id; }
  const std::string& MenteeId(int32_t e) const { return instance.mentees[e].person.id; }
};

// Validates `instance` and builds its Model. InvalidArgument as documented on Engine::Create.
Result<std::unique_ptr<Model>> BuildModel(Instance instance, const EngineOptions& options);

}  // namespace pairwise::matching::internal
