#include "matching/scoring.h"

#include <algorithm>

namespace pairwise::matching::internal {
namespace {

const MentorEntry* FindEntry(const SparseRows& rows, int32_t mentee, int32_t mentor) {
  const MentorEntry* first = rows.begin(mentee);
  const MentorEntry* last = rows.end(mentee);
  // Rows are short (ranks, preferences) or sorted (exclusions, explicit pairs): a linear scan
  // is as fast as a search for the short ones and correct for all.
  for (const MentorEntry* it = first; it != last; ++it) {
    if (it->mentor == mentor) return it;
  }
  return nullptr;
}

bool HasExclusion(const Model& model, int32_t mentee, int32_t mentor, HardRule rule) {
  for (const MentorEntry* it = model.excluded.begin(mentee); it != model.excluded.end(mentee);
       ++it) {
    if (it->mentor == mentor && it->value == static_cast<int32_t>(rule)) return true;
  }
  return false;
}

int32_t SharedLanguages(const Model& model, int32_t mentee, int32_t mentor) {
  const std::vector<int32_t>& a = model.mentee_languages[mentee];
  const std::vector<int32_t>& b = model.mentor_languages[mentor];
  int32_t shared = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

}  // namespace

bool PassesRule(const Model& model, HardRule rule, int32_t e, int32_t m) {
  switch (rule) {
    case HardRule::kManagementChain:
      return !(model.mentor_tin[m] < model.mentee_tout[e] &&
               model.mentee_tin[e] < model.mentor_tout[m]);
    case HardRule::kMinLevelGap:
      return !model.rule_level_gap ||
             model.mentor_signed_level[m] - model.mentee_signed_level[e] >= model.min_level_gap;
    case HardRule::kOtherDepartment:
      return !model.rule_other_department ||
             model.mentor_department[m] != model.mentee_department[e];
    case HardRule::kSharedLanguage:
      return !model.rule_shared_language || SharedLanguages(model, e, m) > 0;
    case HardRule::kTimezoneOverlap:
      return !model.rule_timezone || CircularDistance(model.mentor_utc[m], model.mentee_utc[e]) <=
                                         model.max_timezone_distance;
    case HardRule::kCredentialedOnly:
      return !model.rule_credentialed || model.mentor_credentialed[m] != 0;
    case HardRule::kNotPreviouslyPaired:
      return !HasExclusion(model, e, m, HardRule::kNotPreviouslyPaired);
    case HardRule::kForbidden:
      return !HasExclusion(model, e, m, HardRule::kForbidden);
    case HardRule::kNotListed:
      return !model.explicit_pairs || FindEntry(model.explicit_, e, m) != nullptr;
  }
  return false;
}

std::vector<HardRule> BrokenRules(const Model& model, int32_t e, int32_t m) {
  std::vector<HardRule> broken;
  for (int r = 0; r < kHardRuleCount; ++r) {
    const auto rule = static_cast<HardRule>(r);
    if (!PassesRule(model, rule, e, m)) broken.push_back(rule);
  }
  return broken;
}

bool Eligible(const Model& model, int32_t e, int32_t m) {
  for (int r = 0; r < kHardRuleCount; ++r) {
    if (!PassesRule(model, static_cast<HardRule>(r), e, m)) return false;
  }
  return true;
}

Breakdown ScoreBreakdown(const Model& model, int32_t e, int32_t m) {
  Breakdown b;
  if (model.explicit_pairs) {
    b.explicit_score = true;
    return b;
  }
  auto set = [&](Criterion c, int32_t points) {
    const int i = static_cast<int>(c);
    b.points[i] = points;
    b.weighted[i] = model.weight[i] * points;
  };
  int32_t covered = 0;
  for (const MentorEntry* it = model.wanted.begin(e); it != model.wanted.end(e); ++it) {
    const int32_t offered =
        it->mentor < 0
            ? 0
            : model.skill_level[static_cast<size_t>(it->mentor) * model.mentor_stride + m];
    covered += std::min(offered, it->value);
  }
  set(Criterion::kSkills, PercentOf(covered, model.mentee_skill_den[e]));
  set(Criterion::kLevelGap,
      LevelGapPoints(model.mentor_signed_level[m] - model.mentee_signed_level[e],
                     model.target_level_gap, model.level_gap_step));
  const bool same_department = model.mentor_department[m] == model.mentee_department[e];
  set(Criterion::kDepartment, same_department == model.department_same ? 100 : 0);
  const bool same_site = model.mentor_site[m] == model.mentee_site[e];
  set(Criterion::kSite, same_site == model.site_same ? 100 : 0);
  set(Criterion::kLanguages, LanguagePoints(SharedLanguages(model, e, m)));
  const int32_t wanted_hours = model.mentee_hours[e];
  set(Criterion::kAvailability,
      wanted_hours == 0
          ? 100
          : PercentOf(std::min(model.mentor_hours_per_mentee[m], wanted_hours), wanted_hours));
  const MentorEntry* rank = FindEntry(model.ranked, e, m);
  set(Criterion::kRankedChoice, rank ? RankPoints(rank->value) : 0);
  set(Criterion::kMentorPreference, FindEntry(model.preferred, e, m) ? 100 : 0);
  return b;
}

int32_t PairScore(const Model& model, int32_t e, int32_t m) {
  if (model.explicit_pairs) {
    const MentorEntry* entry = FindEntry(model.explicit_, e, m);
    return entry ? entry->value : 0;
  }
  const Breakdown b = ScoreBreakdown(model, e, m);
  int32_t score = 0;
  for (int w : b.weighted) score += w;
  return score;
}

int32_t ScoreRowScalar(const Model& model, int32_t e, int32_t* out) {
  int32_t eligible = 0;
  for (int32_t m = 0; m < model.mentor_stride; ++m) {
    if (m < model.mentor_count && model.mentor_open[m] && Eligible(model, e, m)) {
      out[m] = PairScore(model, e, m);
      ++eligible;
    } else {
      out[m] = kNotEligible;
    }
  }
  return eligible;
}

}  // namespace pairwise::matching::internal
