#include "domain/proposals/match_settings.h"

#include <array>
#include <string>

#include "domain/credentials/credential.h"

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

namespace {

constexpr std::string_view kAffinityWords[] = {"different", "same"};
constexpr std::string_view kObjectiveWords[] = {"total", "coverage", "fairness"};

template <matching::Affinity MatchSettings::*member>
std::string_view AffinityWord(const MatchSettings& s) {
  return matching::AffinityName(s.*member);
}
template <matching::Affinity MatchSettings::*member>
bool SetAffinity(MatchSettings& s, std::string_view word) {
  auto affinity = matching::ParseAffinity(word);
  if (affinity) s.*member = *affinity;
  return affinity.has_value();
}
std::string_view ObjectiveWord(const MatchSettings& s) {
  return matching::ObjectiveName(s.objective);
}
bool SetObjective(MatchSettings& s, std::string_view word) {
  auto objective = matching::ParseObjective(word);
  if (objective) s.objective = *objective;
  return objective.has_value();
}

SettingField Switch(std::string_view name, bool MatchSettings::*flag) {
  return {.name = name, .kind = SettingKind::kSwitch, .flag = flag};
}
SettingField Question(std::string_view name, std::string MatchSettings::*question) {
  return {.name = name, .kind = SettingKind::kQuestion, .question = question};
}

// In the order the API and the stored JSON have always listed them.
const std::array<SettingField, 15> kFields = {
    SettingField{.name = "min_level_gap",
                 .kind = SettingKind::kOptionalInt,
                 .min = -kMaxLevel,
                 .max = kMaxLevel,
                 .rule = "The level gap must be between -10 and 10.",
                 .optional_number = &MatchSettings::min_level_gap},
    Switch("reverse_mentoring", &MatchSettings::reverse_mentoring),
    Switch("other_department", &MatchSettings::other_department),
    Switch("shared_language", &MatchSettings::shared_language),
    SettingField{
        .name = "min_timezone_overlap_hours",
        .kind = SettingKind::kOptionalInt,
        .min = 0,
        .max = 8,
        .rule = "Shared working hours must be between 0 and 8 (a working day is 9:00-17:00).",
        .optional_number = &MatchSettings::min_timezone_overlap_hours},
    Switch("credentialed_only", &MatchSettings::credentialed_only),
    Switch("not_previously_paired", &MatchSettings::not_previously_paired),
    SettingField{.name = "weights",
                 .kind = SettingKind::kWeights,
                 .min = 0,
                 .max = matching::kMaxWeight,
                 .rule = "A weight must be between 0 and 1000."},
    SettingField{.name = "target_level_gap",
                 .kind = SettingKind::kInt,
                 .min = -kMaxLevel,
                 .max = kMaxLevel,
                 .rule = "The target level gap must be between -10 and 10.",
                 .number = &MatchSettings::target_level_gap},
    SettingField{.name = "department_affinity",
                 .kind = SettingKind::kWord,
                 .words = kAffinityWords,
                 .word = &AffinityWord<&MatchSettings::department_affinity>,
                 .set_word = &SetAffinity<&MatchSettings::department_affinity>},
    SettingField{.name = "site_affinity",
                 .kind = SettingKind::kWord,
                 .words = kAffinityWords,
                 .word = &AffinityWord<&MatchSettings::site_affinity>,
                 .set_word = &SetAffinity<&MatchSettings::site_affinity>},
    SettingField{.name = "objective",
                 .kind = SettingKind::kWord,
                 .words = kObjectiveWords,
                 .word = &ObjectiveWord,
                 .set_word = &SetObjective},
    Question("mentee_skills_question", &MatchSettings::mentee_skills_question),
    Question("mentor_skills_question", &MatchSettings::mentor_skills_question),
    Question("ranked_mentors_question", &MatchSettings::ranked_mentors_question),
};

}  // namespace

std::span<const SettingField> MatchSettingFields() { return kFields; }

const SettingField* FindSettingField(std::string_view name) {
  for (const SettingField& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

MatchSettings ApplySettingsChange(MatchSettings base, const SettingsChange& change) {
  const MatchSettings& v = change.values;
  for (const SettingField& f : kFields) {
    if (f.kind == SettingKind::kWeights) {
      for (matching::Criterion c : matching::kAllCriteria) {
        if (change.given.contains(std::string(f.name) + "." +
                                  std::string(matching::CriterionName(c)))) {
          base.weights[static_cast<int>(c)] = v.weights[static_cast<int>(c)];
        }
      }
      continue;
    }
    if (!change.given.contains(std::string(f.name))) continue;
    switch (f.kind) {
      case SettingKind::kSwitch:
        base.*f.flag = v.*f.flag;
        break;
      case SettingKind::kOptionalInt:
        base.*f.optional_number = v.*f.optional_number;
        break;
      case SettingKind::kInt:
        base.*f.number = v.*f.number;
        break;
      case SettingKind::kQuestion:
        base.*f.question = v.*f.question;
        break;
      case SettingKind::kWord:
        f.set_word(base, f.word(v));
        break;
      case SettingKind::kWeights:
        break;
    }
  }
  return base;
}

std::vector<std::string> DifferingSettings(const MatchSettings& a, const MatchSettings& b) {
  std::vector<std::string> out;
  for (const SettingField& f : kFields) {
    bool same = true;
    switch (f.kind) {
      case SettingKind::kSwitch:
        same = a.*f.flag == b.*f.flag;
        break;
      case SettingKind::kOptionalInt:
        same = a.*f.optional_number == b.*f.optional_number;
        break;
      case SettingKind::kInt:
        same = a.*f.number == b.*f.number;
        break;
      case SettingKind::kQuestion:
        same = a.*f.question == b.*f.question;
        break;
      case SettingKind::kWord:
        same = f.word(a) == f.word(b);
        break;
      case SettingKind::kWeights:
        for (matching::Criterion c : matching::kAllCriteria) {
          if (a.weights[static_cast<int>(c)] != b.weights[static_cast<int>(c)]) {
            out.push_back(std::string(f.name) + "." + std::string(matching::CriterionName(c)));
          }
        }
        continue;
    }
    if (!same) out.emplace_back(f.name);
  }
  return out;
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
  for (const SettingField& f : kFields) {
    auto out_of_range = [&](int v) { return v < f.min || v > f.max; };
    if (f.kind == SettingKind::kOptionalInt && settings.*f.optional_number &&
        out_of_range(*(settings.*f.optional_number))) {
      return invalid(f.name, std::string(f.rule));
    }
    if (f.kind == SettingKind::kInt && out_of_range(settings.*f.number)) {
      return invalid(f.name, std::string(f.rule));
    }
    if (f.kind == SettingKind::kWeights) {
      for (matching::Criterion c : matching::kAllCriteria) {
        if (out_of_range(settings.weights[static_cast<int>(c)])) {
          return invalid(std::string(f.name) + "." + std::string(matching::CriterionName(c)),
                         std::string(f.rule));
        }
      }
    }
  }
  if (settings.credentialed_only && !credentials_recorded) {
    return invalid("credentialed_only", "No mentor holds a current " +
                                            std::string(kCredentialName) +
                                            " yet, so this rule would exclude every mentor.");
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
