#include "matching/explain.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "matching/scoring.h"

namespace pairwise::matching::internal {
namespace {

constexpr size_t kMaxListed = 5;

// "a", "a and b", "a, b and c"; beyond kMaxListed: "a, b, c, d, e and 3 more".
std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  const size_t shown = std::min(words.size(), kMaxListed);
  const size_t hidden = words.size() - shown;
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && hidden == 0) ? " and " : ", ";
    out += words[i];
  }
  if (hidden > 0) out += " and " + std::to_string(hidden) + " more";
  return out;
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string SkillsText(const Model& model, int32_t e, int32_t m) {
  const Mentee& mentee = model.instance.mentees[e];
  if (mentee.skills.empty()) return "the mentee lists no skills";
  std::vector<std::string> shared;
  std::vector<std::string> below;
  int32_t j = 0;
  for (const MentorEntry* it = model.wanted.begin(e); it != model.wanted.end(e); ++it, ++j) {
    const int32_t offered =
        it->mentor < 0
            ? 0
            : model.skill_level[static_cast<size_t>(it->mentor) * model.mentor_stride + m];
    if (offered == 0) continue;
    shared.push_back(mentee.skills[j].skill);
    if (offered < it->value) below.push_back(mentee.skills[j].skill);
  }
  const size_t wanted = mentee.skills.size();
  if (shared.empty()) {
    return wanted == 1
               ? "does not offer the one skill the mentee wants"
               : "offers none of the " + std::to_string(wanted) + " skills the mentee wants";
  }
  std::string text;
  if (wanted == 1) {
    text = "offers the one skill the mentee wants: " + shared[0];
  } else if (shared.size() == wanted) {
    text = (wanted == 2 ? "offers both skills the mentee wants: "
                        : "offers all " + std::to_string(wanted) + " skills the mentee wants: ") +
           JoinWords(shared);
  } else {
    text = "shares " + std::to_string(shared.size()) + " of the " + std::to_string(wanted) +
           " skills the mentee wants: " + JoinWords(shared);
  }
  if (!below.empty()) text += " (below the level wanted in " + JoinWords(below) + ")";
  return text;
}

std::string LevelText(const Model& model, int32_t e, int32_t m) {
  const int gap = model.instance.mentors[m].person.level - model.instance.mentees[e].person.level;
  if (gap == 0) return "same level";
  return Plural(std::abs(gap), "level", "levels") + (gap > 0 ? " above" : " below");
}

std::string LanguagesText(const Model& model, int32_t e, int32_t m) {
  std::vector<std::string> shared;
  const auto& a = model.mentee_languages[e];
  const auto& b = model.mentor_languages[m];
  for (int32_t id : a) {
    if (std::binary_search(b.begin(), b.end(), id)) shared.push_back(model.language_names[id]);
  }
  if (shared.empty()) return "no language in common";
  return "both speak " + JoinWords(shared);
}

std::string AvailabilityText(const Model& model, int32_t e, int32_t m) {
  const int32_t wanted = model.mentee_hours[e];
  const int32_t offered = model.mentor_hours_per_mentee[m];
  if (wanted == 0) return "the mentee asks for no particular hours";
  if (offered >= wanted) {
    return "has the " + Plural(wanted, "hour", "hours") + " a month the mentee wants";
  }
  return "has " + std::to_string(offered) + " of the " + Plural(wanted, "hour", "hours") +
         " a month the mentee wants";
}

}  // namespace

std::string Ordinal(int n) {
  const int last_two = n % 100;
  const int last = n % 10;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    if (last == 2) suffix = "nd";
    if (last == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

UnmatchedMentee Diagnose(const Model& model, int32_t e, int32_t eligible,
                         const std::vector<int32_t>& extra_excluded) {
  UnmatchedMentee u;
  u.mentee = e;
  u.eligible_mentors = eligible;
  u.mentors = model.mentor_count;
  if (eligible > 0) {
    u.reason = UnmatchedReason::kEligibleMentorsFull;
    return u;
  }
  u.reason = UnmatchedReason::kNoEligibleMentor;
  std::array<int32_t, kHardRuleCount> excluded{};
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    for (int r = 0; r < kHardRuleCount; ++r) {
      if (!PassesRule(model, static_cast<HardRule>(r), e, m)) ++excluded[r];
    }
  }
  for (int32_t m : extra_excluded) {
    if (PassesRule(model, HardRule::kNotPreviouslyPaired, e, m)) {
      ++excluded[static_cast<int>(HardRule::kNotPreviouslyPaired)];
    }
  }
  int best = -1;
  for (int r = 0; r < kHardRuleCount; ++r) {
    if (excluded[r] > 0 && (best < 0 || excluded[r] > excluded[best])) best = r;
  }
  if (best >= 0) {
    u.rule = static_cast<HardRule>(best);
    u.excluded_by_rule = excluded[best];
  }
  return u;
}

std::string ExplainPairText(const Model& model, int32_t e, int32_t m, const Breakdown& b,
                            bool pinned) {
  std::vector<std::string> parts;
  if (pinned) parts.emplace_back("pinned by the coordinator");
  if (b.explicit_score) {
    parts.push_back("score " + std::to_string(PairScore(model, e, m)) +
                    " as given in the list of allowed pairs");
  } else {
    auto weighted = [&](Criterion c) { return model.weight[static_cast<int>(c)] > 0; };
    if (weighted(Criterion::kSkills)) parts.push_back(SkillsText(model, e, m));
    if (weighted(Criterion::kLevelGap)) parts.push_back(LevelText(model, e, m));
    if (weighted(Criterion::kDepartment)) {
      const bool same = model.mentor_department[m] == model.mentee_department[e];
      parts.push_back(same ? "same department (" + model.instance.mentees[e].person.department + ")"
                           : std::string("other department"));
    }
    if (weighted(Criterion::kSite)) {
      const bool same = model.mentor_site[m] == model.mentee_site[e];
      parts.push_back(same ? "same site (" + model.instance.mentees[e].person.site + ")"
                           : std::string("other site"));
    }
    if (weighted(Criterion::kLanguages)) parts.push_back(LanguagesText(model, e, m));
    if (weighted(Criterion::kAvailability)) parts.push_back(AvailabilityText(model, e, m));
    if (weighted(Criterion::kRankedChoice)) {
      for (const MentorEntry* it = model.ranked.begin(e); it != model.ranked.end(e); ++it) {
        if (it->mentor == m) parts.push_back("ranked " + Ordinal(it->value) + " by the mentee");
      }
    }
    if (weighted(Criterion::kMentorPreference) && b.Points(Criterion::kMentorPreference) > 0) {
      parts.emplace_back("the mentor asked for this mentee");
    }
  }
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += "; ";
    text += part;
  }
  return text;
}

std::string ExplainUnmatchedText(const Model& model, const UnmatchedMentee& u) {
  switch (u.reason) {
    case UnmatchedReason::kNoEligibleMentor:
      if (u.mentors == 0) return "no eligible mentor: the program has no mentors";
      if (!u.rule) return "no eligible mentor under the rules";
      return "no eligible mentor under the rules; \"" + std::string(HardRuleWords(*u.rule)) +
             "\" excluded the most (" + std::to_string(u.excluded_by_rule) + " of " +
             Plural(u.mentors, "mentor", "mentors") + ")";
    case UnmatchedReason::kEligibleMentorsFull: {
      if (u.eligible_mentors == 1) {
        return model.groups ? "the only eligible mentor is full or leads no group"
                            : "the only eligible mentor is full";
      }
      return "all " + std::to_string(u.eligible_mentors) + " eligible mentors are " +
             (model.groups ? "full or lead no group" : "full");
    }
    case UnmatchedReason::kNotRematched:
      return "unmatched before and not part of this rematch";
  }
  return "";
}

}  // namespace pairwise::matching::internal
