// The input of the matching engine: the mentors and mentees of one program, the people above
// them in the management chain, the program's hard rules, the weights of the soft criteria,
// the coordinator's pins and forbids, and the pairs formed before.
//
// Everything here is a plain value that names people by their string ids; Engine::Create
// (engine.h) validates an Instance and turns it into the compact form the solver uses. The
// field comments state the accepted ranges; anything outside them is an InvalidArgument.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pairwise::matching {

inline constexpr int kMinSkillLevel = 1;
inline constexpr int kMaxSkillLevel = 5;
inline constexpr int kMaxLevel = 100;
inline constexpr int kMinUtcOffsetMinutes = -12 * 60;
inline constexpr int kMaxUtcOffsetMinutes = 14 * 60;
inline constexpr int kMaxAvailabilityHours = 744;  // a month of 31 days
inline constexpr int kMaxCapacity = 1000;
inline constexpr int kMaxWeight = 1000;
inline constexpr int kMaxSkillsPerPerson = 64;
inline constexpr int64_t kMaxExplicitScore = 1'000'000;

struct SkillLevel {
  std::string skill;  // a name from the organization's skill taxonomy, e.g. "negotiation"
  int level = 1;      // kMinSkillLevel..kMaxSkillLevel: proficiency (mentor) or level wanted
};

// Directory attributes shared by mentors and mentees.
struct PersonAttributes {
  std::string id;              // unique across mentors, mentees and `Instance::people`
  std::string manager;         // id of the person's manager; empty at the top of a chain
  int level = 1;               // seniority level, 0..kMaxLevel
  std::string department;      // empty: unknown (then equal to nobody's)
  std::string site;            // empty: unknown (then equal to nobody's)
  int utc_offset_minutes = 0;  // kMinUtcOffsetMinutes..kMaxUtcOffsetMinutes
  std::vector<std::string> languages;
  int availability_hours = 0;  // hours a month for mentoring, 0..kMaxAvailabilityHours
};

struct Mentor {
  PersonAttributes person;
  int capacity = 1;  // mentees at most, 0..kMaxCapacity (0: takes nobody this time)
  bool credentialed = false;
  std::vector<SkillLevel> skills;              // offered; level = proficiency
  std::vector<std::string> preferred_mentees;  // mentee ids the mentor asked for
};

struct Mentee {
  PersonAttributes person;
  std::vector<SkillLevel> skills;           // wanted; level = the level the mentee aims at
  std::vector<std::string> ranked_mentors;  // mentor ids, 1st choice first
};

// Someone in a management chain who is neither mentor nor mentee in this program.
struct DirectoryPerson {
  std::string id;
  std::string manager;
};

struct PairRef {
  std::string mentee;
  std::string mentor;
};

struct ScoredPair {
  std::string mentee;
  std::string mentor;
  int64_t score = 0;  // 0..kMaxExplicitScore
};

// Group programs: a mentor leads either no group or a group of min_size..max_size mentees
// (never more than the mentor's capacity).
struct GroupRule {
  int min_size = 2;  // >= 1
  int max_size = 6;  // >= min_size
};

// Hard rules. The management-chain rule (the mentor is never above or below the mentee in the
// chain) is always on and has no switch.
struct Rules {
  // Mentor level minus mentee level must be at least this (mentee minus mentor with
  // reverse_mentoring). Empty: off. -kMaxLevel..kMaxLevel.
  std::optional<int> min_level_gap;
  // The junior person mentors the senior one: flips the direction of both the hard level-gap
  // rule and the level-gap criterion.
  bool reverse_mentoring = false;
  bool other_department = false;  // mentor and mentee in different departments
  bool shared_language = false;   // at least one language in common
  // Working hours the two share in a day (both work workday_start_hour..workday_end_hour local
  // time). Empty: off. 0..(workday length).
  std::optional<int> min_timezone_overlap_hours;
  int workday_start_hour = 9;  // 0..23
  int workday_end_hour = 17;   // start+1..start+12
  bool credentialed_only = false;
  bool not_previously_paired = false;  // `previous_pairs` are never formed again
  std::optional<GroupRule> groups;
};

// The soft criteria. Each gives a pair 0..100 points; a pair's score is the sum over criteria
// of weight x points, so scores and totals are exact integers.
enum class Criterion {
  kSkills,            // wanted skills the mentor offers, weighted by the level wanted
  kLevelGap,          // closeness of the level gap to the target gap
  kDepartment,        // other department (or same, per Scoring::department)
  kSite,              // same site (or other, per Scoring::site)
  kLanguages,         // languages in common
  kAvailability,      // mentor hours a month per mentee vs. the hours the mentee wants
  kRankedChoice,      // the mentee ranked this mentor (1st > 2nd > ...)
  kMentorPreference,  // the mentor asked for this mentee
};
inline constexpr int kCriterionCount = 8;
inline constexpr std::array<Criterion, kCriterionCount> kAllCriteria = {
    Criterion::kSkills,       Criterion::kLevelGap,        Criterion::kDepartment,
    Criterion::kSite,         Criterion::kLanguages,       Criterion::kAvailability,
    Criterion::kRankedChoice, Criterion::kMentorPreference};

// Stable snake_case name ("skills", "level_gap", ...), as used in files and the API, and its
// one parser (nullopt for a name that is no criterion).
std::string_view CriterionName(Criterion criterion);
std::optional<Criterion> ParseCriterion(std::string_view name);

// The weights a program starts from, by criterion (the one copy: Scoring and the domain's
// MatchSettings both start here).
inline constexpr std::array<int, kCriterionCount> kDefaultWeights = {40, 15, 10, 5, 10, 10, 20, 10};

enum class Affinity { kDifferent, kSame };
std::string_view AffinityName(Affinity affinity);  // "different", "same"
std::optional<Affinity> ParseAffinity(std::string_view name);

struct Scoring {
  // weight[static_cast<int>(criterion)], each 0..kMaxWeight.
  std::array<int, kCriterionCount> weight = kDefaultWeights;
  int target_level_gap = 2;                    // in the direction of Rules::reverse_mentoring
  int level_gap_step = 25;                     // points lost per level away from the target, 0..100
  Affinity department = Affinity::kDifferent;  // which the department criterion rewards
  Affinity site = Affinity::kSame;             // which the site criterion rewards

  int Weight(Criterion c) const { return weight[static_cast<int>(c)]; }
};

// What "best" means.
enum class Objective {
  kTotal,     // the largest total score (ties: more pairs)
  kCoverage,  // as many matched mentees as possible, then the largest total
  // As many matched mentees as possible (as kCoverage), then the highest lowest pair score
  // among the pairs the engine chooses (pins aside), then the largest total. Not available
  // for group programs.
  kFairness,
};

std::string_view ObjectiveName(Objective objective);  // "total", "coverage", "fairness"
std::optional<Objective> ParseObjective(std::string_view name);

struct Instance {
  std::vector<Mentor> mentors;
  std::vector<Mentee> mentees;
  std::vector<DirectoryPerson> people;  // managers outside the program
  Rules rules;
  Scoring scoring;
  Objective objective = Objective::kTotal;
  std::vector<PairRef> pinned;          // must be in the answer; must pass every hard rule
  std::vector<PairRef> forbidden;       // never in the answer
  std::vector<PairRef> previous_pairs;  // excluded when rules.not_previously_paired
  // When set, the complete list of allowed pairs with their scores: rules (except the
  // management chain), scoring and attributes other than ids, managers and capacities are not
  // used. Forbidden pairs stay excluded.
  std::optional<std::vector<ScoredPair>> pairs;
};

}  // namespace pairwise::matching
