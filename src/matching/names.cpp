// Stable names of the engine's enums (instance.h, result.h).
#include "matching/instance.h"
#include "matching/result.h"

namespace pairwise::matching {

std::string_view CriterionName(Criterion criterion) {
  switch (criterion) {
    case Criterion::kSkills:
      return "skills";
    case Criterion::kLevelGap:
      return "level_gap";
    case Criterion::kDepartment:
      return "department";
    case Criterion::kSite:
      return "site";
    case Criterion::kLanguages:
      return "languages";
    case Criterion::kAvailability:
      return "availability";
    case Criterion::kRankedChoice:
      return "ranked_choice";
    case Criterion::kMentorPreference:
      return "mentor_preference";
  }
  return "unknown";
}

std::optional<Criterion> ParseCriterion(std::string_view name) {
  for (Criterion c : kAllCriteria) {
    if (CriterionName(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view AffinityName(Affinity affinity) {
  return affinity == Affinity::kSame ? "same" : "different";
}

std::optional<Affinity> ParseAffinity(std::string_view name) {
  if (name == "same") return Affinity::kSame;
  if (name == "different") return Affinity::kDifferent;
  return std::nullopt;
}

std::optional<Objective> ParseObjective(std::string_view name) {
  for (Objective o : {Objective::kTotal, Objective::kCoverage, Objective::kFairness}) {
    if (ObjectiveName(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view ObjectiveName(Objective objective) {
  switch (objective) {
    case Objective::kTotal:
      return "total";
    case Objective::kCoverage:
      return "coverage";
    case Objective::kFairness:
      return "fairness";
  }
  return "unknown";
}

std::string_view HardRuleName(HardRule rule) {
  switch (rule) {
    case HardRule::kManagementChain:
      return "management_chain";
    case HardRule::kMinLevelGap:
      return "min_level_gap";
    case HardRule::kOtherDepartment:
      return "other_department";
    case HardRule::kSharedLanguage:
      return "shared_language";
    case HardRule::kTimezoneOverlap:
      return "timezone_overlap";
    case HardRule::kCredentialedOnly:
      return "credentialed_only";
    case HardRule::kNotPreviouslyPaired:
      return "not_previously_paired";
    case HardRule::kForbidden:
      return "forbidden";
    case HardRule::kNotListed:
      return "not_listed";
  }
  return "unknown";
}

std::string_view HardRuleWords(HardRule rule) {
  switch (rule) {
    case HardRule::kManagementChain:
      return "not in the mentee's management chain";
    case HardRule::kMinLevelGap:
      return "minimum level gap";
    case HardRule::kOtherDepartment:
      return "other department";
    case HardRule::kSharedLanguage:
      return "shared language";
    case HardRule::kTimezoneOverlap:
      return "time-zone overlap";
    case HardRule::kCredentialedOnly:
      return "credentialed mentors only";
    case HardRule::kNotPreviouslyPaired:
      return "not previously paired";
    case HardRule::kForbidden:
      return "forbidden by the coordinator";
    case HardRule::kNotListed:
      return "listed in the allowed pairs";
  }
  return "unknown";
}

std::string_view UnmatchedReasonName(UnmatchedReason reason) {
  switch (reason) {
    case UnmatchedReason::kNoEligibleMentor:
      return "no_eligible_mentor";
    case UnmatchedReason::kEligibleMentorsFull:
      return "eligible_mentors_full";
    case UnmatchedReason::kNotRematched:
      return "not_rematched";
  }
  return "unknown";
}

}  // namespace pairwise::matching
