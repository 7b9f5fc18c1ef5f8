// What a coordinator sets for matching one program: which hard rules apply (with their
// parameters), the weight of each soft criterion, the objective, and which application-form
// questions feed the engine. Plain values, their defaults per program type, their checks, and
// their translation into the engine's Rules and Scoring.
#pragma once

#include <array>
#include <optional>
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
  std::array<int, matching::kCriterionCount> weights = {40, 15, 10, 5, 10, 10, 20, 10};
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

// Names as the engine and the API use them ("skills", "total", "different" | "same").
std::optional<matching::Criterion> ParseCriterion(std::string_view name);
std::optional<matching::Objective> ParseObjective(std::string_view name);
std::string_view AffinityName(matching::Affinity affinity);
std::optional<matching::Affinity> ParseAffinity(std::string_view name);

// Sensible defaults for the program: a level gap of at least 1 and another department; reverse
// programs flip the level rule (the mentee is the senior one); virtual programs require two
// shared working hours; every program excludes earlier pairs; when the forms have exactly one
// question of the right type it is mapped.
MatchSettings DefaultMatchSettings(const Program& program, const ApplicationForm& mentee_form,
                                   const ApplicationForm& mentor_form);

// Checks ranges and that mapped questions exist on the forms with the right type.
// InvalidArgument naming the field ("min_level_gap", "weights.skills",
// "mentee_skills_question"). `credentials_recorded`: credentialed_only needs mentor credentials
// to exist (InvalidArgument "credentialed_only" otherwise). Group programs refuse the fairness
// objective ("objective").
Status CheckMatchSettings(const MatchSettings& settings, const Program& program,
                          const ApplicationForm& mentee_form, const ApplicationForm& mentor_form,
                          bool credentials_recorded);

// The engine's rules and scoring for these settings in `program` (groups from the program).
matching::Rules EngineRules(const MatchSettings& settings, const Program& program);
matching::Scoring EngineScoring(const MatchSettings& settings);

}  // namespace pairwise::domain
