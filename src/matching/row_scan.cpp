#include "matching/row_scan.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "matching/scoring.h"

namespace pairwise::matching::internal {
namespace {

// The first skill columns of a mentee are summed inside the main loop; more (rare) are summed
// in a pass before it.
constexpr int kFusedSkillColumns = 4;

// Everything about the mentee that the loop over mentors needs, hoisted out of it.
struct MenteeConstants {
  int32_t tin, tout, signed_level, department, site, utc, lang_lo, lang_hi;
  int32_t min_gap;        // INT_MIN / 4 when the rule is off
  int32_t dept_rule_off;  // 0/1
  int32_t lang_rule_off;  // 0/1
  int32_t max_distance;   // 1440 when the rule is off
  int32_t skill_magic, hours, hours_magic;
  int32_t avail_bias;  // 100 when the mentee wants no hours (then hours_magic is 0)
  int32_t dept_same_wanted, site_same_wanted;
  int32_t target, step;
  int32_t w_skills, w_level, w_dept, w_site, w_lang, w_avail;
  int32_t want[kFusedSkillColumns];  // level wanted in the fused skill columns (0: unused)
};

// The loop below is written as straight-line integer arithmetic with selects so that the
// compiler vectorizes it; every expression mirrors one in scoring.cpp.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
int32_t
ScanMentors(const Model& model, const MenteeConstants& k, const int32_t* __restrict skill_sum,
            const uint8_t* __restrict col0, const uint8_t* __restrict col1,
            const uint8_t* __restrict col2, const uint8_t* __restrict col3,
            int32_t* __restrict out) {
  const int32_t n = model.mentor_stride;
  const int32_t* __restrict tin = model.mentor_tin.data();
  const int32_t* __restrict tout = model.mentor_tout.data();
  const int32_t* __restrict level = model.mentor_signed_level.data();
  const int32_t* __restrict dept = model.mentor_department.data();
  const int32_t* __restrict site = model.mentor_site.data();
  const int32_t* __restrict utc = model.mentor_utc.data();
  const int32_t* __restrict hours = model.mentor_hours_per_mentee.data();
  const int32_t* __restrict lang_lo = model.mentor_lang_lo.data();
  const int32_t* __restrict lang_hi = model.mentor_lang_hi.data();
  const int32_t* __restrict open = model.mentor_open.data();
  const MenteeConstants c = k;
  int32_t eligible = 0;
  for (int32_t m = 0; m < n; ++m) {
    const int32_t chain_conflict = (tin[m] < c.tout) & (c.tin < tout[m]);
    const int32_t gap = level[m] - c.signed_level;
    const int32_t same_dept = dept[m] == c.department;
    const int32_t same_site = site[m] == c.site;
    const uint32_t lo = static_cast<uint32_t>(lang_lo[m] & c.lang_lo);
    const uint32_t hi = static_cast<uint32_t>(lang_hi[m] & c.lang_hi);
    const int32_t any_language = (lo | hi) != 0;
    const int32_t two_languages =
        (((lo & (lo - 1)) | (hi & (hi - 1))) != 0) | ((lo != 0) & (hi != 0));
    const int32_t raw = std::abs(utc[m] - c.utc);
    const int32_t d = raw - 1440 * (raw >= 1440);
    const int32_t distance = std::min(d, 1440 - d);
    const int32_t ok = (chain_conflict ^ 1) & (gap >= c.min_gap) & open[m] &
                       ((same_dept ^ 1) | c.dept_rule_off) & (any_language | c.lang_rule_off) &
                       (distance <= c.max_distance);

    const int32_t covered = skill_sum[m] + std::min<int32_t>(col0[m], c.want[0]) +
                            std::min<int32_t>(col1[m], c.want[1]) +
                            std::min<int32_t>(col2[m], c.want[2]) +
                            std::min<int32_t>(col3[m], c.want[3]);
    const int32_t skill_points = (covered * c.skill_magic) >> 24;
    const int32_t level_points = std::max(0, 100 - c.step * std::abs(gap - c.target));
    const int32_t dept_points = 100 * (same_dept == c.dept_same_wanted);
    const int32_t site_points = 100 * (same_site == c.site_same_wanted);
    const int32_t lang_points = 80 * any_language + 20 * two_languages;
    const int32_t avail_points =
        ((std::min(hours[m], c.hours) * c.hours_magic) >> 24) + c.avail_bias;
    const int32_t score = c.w_skills * skill_points + c.w_level * level_points +
                          c.w_dept * dept_points + c.w_site * site_points + c.w_lang * lang_points +
                          c.w_avail * avail_points;
    // ok is 0 or 1: score when eligible, kNotEligible (-1) when not.
    out[m] = ok * (score + 1) - 1;
    eligible += ok;
  }
  return eligible;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void AddSkillColumn(const uint8_t* __restrict column, int32_t wanted_level, int32_t n,
                    int32_t* __restrict sum) {
  for (int32_t m = 0; m < n; ++m) sum[m] += std::min<int32_t>(column[m], wanted_level);
}

int32_t ScoreRowFast(const Model& model, int32_t e, RowScratch& scratch) {
  const int32_t n = model.mentor_stride;
  const uint8_t* fused[kFusedSkillColumns];
  int32_t fused_level[kFusedSkillColumns] = {0, 0, 0, 0};
  int fused_count = 0;
  const int32_t* skill_sum = model.zero_sums.data();
  for (const MentorEntry* it = model.wanted.begin(e); it != model.wanted.end(e); ++it) {
    if (it->mentor < 0) continue;  // no mentor offers this skill
    const uint8_t* column = model.skill_level.data() + static_cast<size_t>(it->mentor) * n;
    if (fused_count < kFusedSkillColumns) {
      fused[fused_count] = column;
      fused_level[fused_count++] = it->value;
    } else {
      if (skill_sum == model.zero_sums.data()) {
        std::fill(scratch.skill_sum(), scratch.skill_sum() + n, 0);
        skill_sum = scratch.skill_sum();
      }
      AddSkillColumn(column, it->value, n, scratch.skill_sum());
    }
  }
  for (int i = fused_count; i < kFusedSkillColumns; ++i) fused[i] = model.zero_levels.data();
  MenteeConstants k{};
  k.tin = model.mentee_tin[e];
  k.tout = model.mentee_tout[e];
  k.signed_level = model.mentee_signed_level[e];
  k.department = model.mentee_department[e];
  k.site = model.mentee_site[e];
  k.utc = model.mentee_utc[e];
  k.lang_lo = model.mentee_lang_lo[e];
  k.lang_hi = model.mentee_lang_hi[e];
  k.min_gap = model.rule_level_gap ? model.min_level_gap : INT_MIN / 4;
  k.dept_rule_off = model.rule_other_department ? 0 : 1;
  k.lang_rule_off = model.rule_shared_language ? 0 : 1;
  k.max_distance = model.rule_timezone ? model.max_timezone_distance : 1440;
  k.skill_magic = PercentMagic(model.mentee_skill_den[e]);
  k.hours = model.mentee_hours[e];
  k.hours_magic = PercentMagic(k.hours);
  k.avail_bias = k.hours == 0 ? 100 : 0;
  k.dept_same_wanted = model.department_same ? 1 : 0;
  k.site_same_wanted = model.site_same ? 1 : 0;
  k.target = model.target_level_gap;
  k.step = model.level_gap_step;
  k.w_skills = model.weight[static_cast<int>(Criterion::kSkills)];
  k.w_level = model.weight[static_cast<int>(Criterion::kLevelGap)];
  k.w_dept = model.weight[static_cast<int>(Criterion::kDepartment)];
  k.w_site = model.weight[static_cast<int>(Criterion::kSite)];
  k.w_lang = model.weight[static_cast<int>(Criterion::kLanguages)];
  k.w_avail = model.weight[static_cast<int>(Criterion::kAvailability)];
  for (int i = 0; i < kFusedSkillColumns; ++i) k.want[i] = fused_level[i];
  int32_t* out = scratch.scores();
  int32_t eligible = ScanMentors(model, k, skill_sum, fused[0], fused[1], fused[2], fused[3], out);

  // Sparse criteria and exclusions touch few mentors per mentee.
  const int32_t w_rank = model.weight[static_cast<int>(Criterion::kRankedChoice)];
  for (const MentorEntry* it = model.ranked.begin(e); it != model.ranked.end(e); ++it) {
    if (out[it->mentor] >= 0) out[it->mentor] += w_rank * RankPoints(it->value);
  }
  const int32_t w_pref = model.weight[static_cast<int>(Criterion::kMentorPreference)];
  for (const MentorEntry* it = model.preferred.begin(e); it != model.preferred.end(e); ++it) {
    if (out[it->mentor] >= 0) out[it->mentor] += w_pref * 100;
  }
  for (const MentorEntry* it = model.excluded.begin(e); it != model.excluded.end(e); ++it) {
    if (out[it->mentor] >= 0) {
      out[it->mentor] = kNotEligible;
      --eligible;
    }
  }
  return eligible;
}

int32_t ScoreRowExplicit(const Model& model, int32_t e, RowScratch& scratch) {
  int32_t* out = scratch.scores();
  std::fill(out, out + model.mentor_stride, kNotEligible);
  int32_t eligible = 0;
  for (const MentorEntry* it = model.explicit_.begin(e); it != model.explicit_.end(e); ++it) {
    // In explicit mode these are the only rules that apply to a listed pair.
    if (PassesRule(model, HardRule::kManagementChain, e, it->mentor) &&
        PassesRule(model, HardRule::kForbidden, e, it->mentor)) {
      out[it->mentor] = it->value;
      ++eligible;
    }
  }
  return eligible;
}

}  // namespace

int32_t ScoreRow(const Model& model, int32_t e, RowScratch& scratch) {
  if (model.explicit_pairs) return ScoreRowExplicit(model, e, scratch);
  if (model.options.vectorized_scan && model.language_masks_exact) {
    return ScoreRowFast(model, e, scratch);
  }
  return ScoreRowScalar(model, e, scratch.scores());
}

}  // namespace pairwise::matching::internal
