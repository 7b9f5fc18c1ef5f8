// What a coordinator sets for matching one program: which hard rules apply (with their
// parameters), the weight of each soft criterion, the objective, and which application-form
// questions feed the engine. Plain values, their defaults per program type, their checks, and
// their translation into the engine's Rules and Scoring.
#pragma once

#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/applications/application.h"
#include "domain/programs/program.h"
#include "matching/instance.h"

namespace pairwise::domain {

struct MatchSettings {
  // Hard rules. The management-chain rule is always on and has no switch.
  std::optional<int> min_level_gap;  // mentor minus mentee level (reversed: mentee minus mentor)
  bool reverse_mentoring = false;
  bool other_department = false;
  bool shared_language = false;
  std::optional<int> min_timezone_overlap_hours;  // shared working hours (9:00-17:00 local)
  bool credentialed_only = false;
  bool not_previously_paired = false;
  // Soft criteria: weight per matching::Criterion, 0..matching::kMaxWeight.
  std::array<int, matching::kCriterionCount> weights = matching::kDefaultWeights;
  int target_level_gap = 2;
  matching::Affinity department_affinity = matching::Affinity::kDifferent;
  matching::Affinity site_affinity = matching::Affinity::kSame;
  matching::Objective objective = matching::Objective::kTotal;
  // Form questions mapped to criteria (question ids; empty: none). A mentee-form question of
  // type skills adds its answers to the skills the mentee wants, a mentor-form one to the
  // skills the mentor offers (at level 3 unless the profile states a level); a mentee-form
  // question of type ranked_mentors gives the mentee's ranked choices.
  std::string mentee_skills_question;
  std::string mentor_skills_question;
  std::string ranked_mentors_question;
  friend bool operator==(const MatchSettings&, const MatchSettings&) = default;
};

// The fields of MatchSettings, once: their names (as the API, the stored JSON and the UI use
// them), the kind of value each holds, its range and where it lives. Every reader and writer
// of settings walks MatchSettingFields() (api/handlers/matching_handlers.cpp,
// storage/proposal_repository.cpp), and CheckMatchSettings checks the ranges given here.
// Criterion, objective and affinity names are the engine's (matching/instance.h).
enum class SettingKind {
  kSwitch,       // true or false
  kOptionalInt,  // a whole number from min to max, or none (the rule is off)
  kInt,          // a whole number from min to max
  kWord,         // one of `words`
  kQuestion,     // the id of a question of the side's form, or empty for none
  kWeights,      // per criterion (matching::CriterionName), a whole number from min to max
};
struct SettingField {
  std::string_view name = {};
  SettingKind kind = SettingKind::kSwitch;
  int min = 0;  // kOptionalInt, kInt, kWeights
  int max = 0;
  std::string_view rule = {};  // kOptionalInt, kInt, kWeights: what a value out of range is told
  bool MatchSettings::*flag = nullptr;                           // kSwitch
  std::optional<int> MatchSettings::*optional_number = nullptr;  // kOptionalInt
  int MatchSettings::*number = nullptr;                          // kInt
  std::string MatchSettings::*question = nullptr;                // kQuestion
  // kWord: the words accepted, the current one, and setting one (false: not a word of these).
  std::span<const std::string_view> words = {};
  std::string_view (*word)(const MatchSettings&) = nullptr;
  bool (*set_word)(MatchSettings&, std::string_view) = nullptr;
};
std::span<const SettingField> MatchSettingFields();
// The field named `name`, or nullptr.
const SettingField* FindSettingField(std::string_view name);

// A change to a program's settings: the fields listed in `given` (MatchSettingFields names;
// a weight as "weights.<criterion>") take their value from `values`, every other field keeps
// its current value.
struct SettingsChange {
  MatchSettings values;
  std::set<std::string> given;
};
// `base` with `change` applied.
MatchSettings ApplySettingsChange(MatchSettings base, const SettingsChange& change);

// The fields whose values differ between `a` and `b`, as MatchSettingFields names (a weight as
// "weights.<criterion>"), in the table's order. Empty when they are equal.
std::vector<std::string> DifferingSettings(const MatchSettings& a, const MatchSettings& b);

// Sensible defaults for the program: a level gap of at least 1 and another department; reverse
// programs flip the level rule (the mentee is the senior one); virtual programs require two
// shared working hours; every program excludes earlier pairs; when the forms have exactly one
// question of the right type it is mapped.
MatchSettings DefaultMatchSettings(const Program& program, const ApplicationForm& mentee_form,
                                   const ApplicationForm& mentor_form);

// Checks ranges and that mapped questions exist on the forms with the right type.
// InvalidArgument naming the field ("min_level_gap", "weights.skills",
// "mentee_skills_question"). `credentials_recorded`: credentialed_only needs someone to hold a
// current mentor credential (InvalidArgument "credentialed_only" otherwise). Group programs refuse
// the fairness objective ("objective").
Status CheckMatchSettings(const MatchSettings& settings, const Program& program,
                          const ApplicationForm& mentee_form, const ApplicationForm& mentor_form,
                          bool credentials_recorded);

// The engine's rules and scoring for these settings in `program` (groups from the program).
matching::Rules EngineRules(const MatchSettings& settings, const Program& program);
matching::Scoring EngineScoring(const MatchSettings& settings);

}  // namespace pairwise::domain
