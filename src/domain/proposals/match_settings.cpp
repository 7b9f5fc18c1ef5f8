#include "domain/proposals/match_settings.h"

#include <string>

namespace pairwise::domain {
namespace {

// The one question of `type` on the form, or empty when there is none or more than one.
std::string OnlyQuestionOfType(const ApplicationForm& form, QuestionType type) {
  std::string found;
  int count = 0;
  for (const Question& q : form.questions) {
    if (q.type == type) {
      found = q.id;
      ++count;
    }
  }
  return count == 1 ? found : std::string();
}

Status CheckMappedQuestion(const std::string& id, const ApplicationForm& form, QuestionType type,
                           std::string_view field, std::string_view side) {
  if (id.empty()) return Status::Ok();
  for (const Question& q : form.questions) {
    if (q.id != id) continue;
    if (q.type == type) return Status::Ok();
    return Status::InvalidArgument("Question \"" + q.label + "\" is not a " +
                                       std::string(QuestionTypeName(type)) + " question.",
                                   std::string(field));
  }
  return Status::InvalidArgument(
      "The " + std::string(side) + " form has no question \"" + id + "\".", std::string(field));
}

}  // namespace

std::optional<matching::Criterion> ParseCriterion(std::string_view name) {
  for (matching::Criterion c : matching::kAllCriteria) {
    if (matching::CriterionName(c) == name) return c;
  }
  return std::nullopt;
}

std::optional<matching::Objective> ParseObjective(std::string_view name) {
  for (matching::Objective o : {matching::Objective::kTotal, matching::Objective::kCoverage,
                                matching::Objective::kFairness}) {
    if (matching::ObjectiveName(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view AffinityName(matching::Affinity affinity) {
  return affinity == matching::Affinity::kSame ? "same" : "different";
}

std::optional<matching::Affinity> ParseAffinity(std::string_view name) {
  if (name == "same") return matching::Affinity::kSame;
  if (name == "different") return matching::Affinity::kDifferent;
  return std::nullopt;
}

MatchSettings DefaultMatchSettings(const Program& program, const ApplicationForm& mentee_form,
                                   const ApplicationForm& mentor_form) {
  MatchSettings s;
  s.min_level_gap = 1;
  s.other_department = true;
  s.not_previously_paired = true;
  if (program.type == ProgramType::kReverse) {
    // The junior side mentors: the mentee is at least one level above the mentor.
    s.reverse_mentoring = true;
  }
  if (program.type == ProgramType::kVirtual) s.min_timezone_overlap_hours = 2;
  if (program.type == ProgramType::kOneOnOne || program.type == ProgramType::kVirtual ||
      program.type == ProgramType::kGroup) {
    s.shared_language = true;
  }
  s.mentee_skills_question = OnlyQuestionOfType(mentee_form, QuestionType::kSkills);
  s.mentor_skills_question = OnlyQuestionOfType(mentor_form, QuestionType::kSkills);
  s.ranked_mentors_question = OnlyQuestionOfType(mentee_form, QuestionType::kRankedMentors);
  return s;
}

Status CheckMatchSettings(const MatchSettings& settings, const Program& program,
                          const ApplicationForm& mentee_form, const ApplicationForm& mentor_form,
                          bool credentials_recorded) {
  auto invalid = [](std::string_view field, const std::string& message) {
    return Status::InvalidArgument(message, std::string(field));
  };
  if (settings.min_level_gap &&
      (*settings.min_level_gap < -kMaxLevel || *settings.min_level_gap > kMaxLevel)) {
    return invalid("min_level_gap", "The level gap must be between -10 and 10.");
  }
  if (settings.min_timezone_overlap_hours &&
      (*settings.min_timezone_overlap_hours < 0 || *settings.min_timezone_overlap_hours > 8)) {
    return invalid("min_timezone_overlap_hours",
                   "Shared working hours must be between 0 and 8 (a working day is 9:00-17:00).");
  }
  if (settings.credentialed_only && !credentials_recorded) {
    return invalid("credentialed_only",
                   "No mentor credentials are recorded yet, so this rule would exclude every "
                   "mentor.");
  }
  for (matching::Criterion c : matching::kAllCriteria) {
    const int w = settings.weights[static_cast<int>(c)];
    if (w < 0 || w > matching::kMaxWeight) {
      return invalid("weights." + std::string(matching::CriterionName(c)),
                     "A weight must be between 0 and 1000.");
    }
  }
  if (settings.target_level_gap < -kMaxLevel || settings.target_level_gap > kMaxLevel) {
    return invalid("target_level_gap", "The target level gap must be between -10 and 10.");
  }
  if (program.type == ProgramType::kGroup && settings.objective == matching::Objective::kFairness) {
    return invalid("objective", "Group programs cannot use the fairness objective.");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckMappedQuestion(settings.mentee_skills_question, mentee_form,
                                               QuestionType::kSkills, "mentee_skills_question",
                                               "mentee"));
  PAIRWISE_RETURN_IF_ERROR(CheckMappedQuestion(settings.mentor_skills_question, mentor_form,
                                               QuestionType::kSkills, "mentor_skills_question",
                                               "mentor"));
  return CheckMappedQuestion(settings.ranked_mentors_question, mentee_form,
                             QuestionType::kRankedMentors, "ranked_mentors_question", "mentee");
}

matching::Rules EngineRules(const MatchSettings& settings, const Program& program) {
  matching::Rules rules;
  rules.min_level_gap = settings.min_level_gap;
  rules.reverse_mentoring = settings.reverse_mentoring;
  rules.other_department = settings.other_department;
  rules.shared_language = settings.shared_language;
  rules.min_timezone_overlap_hours = settings.min_timezone_overlap_hours;
  rules.credentialed_only = settings.credentialed_only;
  rules.not_previously_paired = settings.not_previously_paired;
  if (program.type == ProgramType::kGroup && program.group) {
    rules.groups = matching::GroupRule{program.group->min_size, program.group->max_size};
  }
  return rules;
}

matching::Scoring EngineScoring(const MatchSettings& settings) {
  matching::Scoring scoring;
  scoring.weight = settings.weights;
  scoring.target_level_gap = settings.target_level_gap;
  scoring.department = settings.department_affinity;
  scoring.site = settings.site_affinity;
  return scoring;
}

}  // namespace pairwise::domain
