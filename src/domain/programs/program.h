// A mentoring program: what a coordinator runs from announcement to close, addressing one
// stated need. Plain values and the small pure rules every part of the programs work shares
// (eligibility, who coordinates); the service with its access checks is ProgramService.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"
#include "domain/access/actor.h"
#include "domain/people/person.h"

namespace pairwise::domain {

using ProgramId = Id<struct ProgramTag>;

// The type changes how a program behaves:
//  - one_on_one: coordinator-matched pairs;
//  - group: one mentor with a group of mentees (ProgramGroup sizes);
//  - self_match: mentors publish themselves, mentees browse and request, mentors accept;
//  - training: linked to a named training course and its skills;
//  - reverse: the junior side mentors (the level rule is inverted);
//  - virtual: meetings are remote, with at least one face to face.
enum class ProgramType { kOneOnOne, kGroup, kSelfMatch, kTraining, kReverse, kVirtual };
// "one_on_one" | "group" | "self_match" | "training" | "reverse" | "virtual".
std::string_view ProgramTypeName(ProgramType type);
std::optional<ProgramType> ParseProgramType(std::string_view name);

// The need a program addresses (PRODUCT.md).
enum class ProgramNeed {
  kOnboarding,
  kSkillsTransfer,
  kCareerDevelopment,
  kLeadership,  // leadership / high-potential
  kDiversity,
  kKnowledgeTransfer,
  kRetention,
  kCustomerService,
  kCultureChange,
  kOther,
};
// "onboarding" | "skills_transfer" | "career_development" | "leadership" | "diversity" |
// "knowledge_transfer" | "retention" | "customer_service" | "culture_change" | "other".
std::string_view ProgramNeedName(ProgramNeed need);
std::optional<ProgramNeed> ParseProgramNeed(std::string_view name);

// draft -> open -> closed -> archived (and draft -> archived). People apply only while the
// program is open and today is inside its enrollment window.
enum class ProgramStatus { kDraft, kOpen, kClosed, kArchived };
// "draft" | "open" | "closed" | "archived".
std::string_view ProgramStatusName(ProgramStatus status);
std::optional<ProgramStatus> ParseProgramStatus(std::string_view name);

enum class MeetingCadence { kWeekly, kBiweekly, kMonthly };
// "weekly" | "biweekly" | "monthly".
std::string_view MeetingCadenceName(MeetingCadence cadence);
std::optional<MeetingCadence> ParseMeetingCadence(std::string_view name);

// The two sides of a program.
enum class Side { kMentor, kMentee };
// "mentor" | "mentee".
std::string_view SideName(Side side);
std::optional<Side> ParseSide(std::string_view name);

// Who may join one side: every rule that is set must hold, and when `employee_ids` is not empty
// the person must be on it. Empty lists and unset bounds do not restrict.
struct EligibilityRules {
  std::vector<std::string> departments;  // Department codes
  std::vector<std::string> sites;        // Site codes
  std::optional<int> min_level;          // inclusive, kMinLevel..kMaxLevel
  std::optional<int> max_level;          // inclusive
  std::optional<int> min_tenure_months;  // whole months since the hire date, >= 0
  // Employment statuses admitted; empty means active only (never "left").
  std::vector<EmploymentStatus> statuses;
  std::vector<std::string> employee_ids;  // the optional explicit list
  friend bool operator==(const EligibilityRules&, const EligibilityRules&) = default;
};

// Why a person is not eligible: the first rule that fails, in the order of the fields above,
// e.g. {"department", "only Engineering and Finance may join as a mentor"}. nullopt when
// eligible. `today` counts tenure. Pure; never fails.
struct IneligibleReason {
  std::string rule;     // "department" | "site" | "level" | "tenure" | "status" | "list"
  std::string message;  // for the person, in plain words
};
std::optional<IneligibleReason> CheckEligibility(const EligibilityRules& rules, Side side,
                                                 const Person& person, Date today);

// Whole months from `hire` to `today` (0 when today is before the hire date).
int TenureMonths(Date hire, Date today);

struct MentorCapacity {
  int mentees = 1;          // mentees at once, 1..20
  int hours_per_month = 4;  // 1..160
  friend bool operator==(const MentorCapacity&, const MentorCapacity&) = default;
};

struct ProgramGroup {  // group programs only
  int min_size = 2;
  int max_size = 6;  // min_size <= max_size <= 50
  friend bool operator==(const ProgramGroup&, const ProgramGroup&) = default;
};

struct ProgramTraining {            // training programs only
  std::string course;               // the training course's name
  std::vector<std::string> skills;  // Skill codes it teaches
  friend bool operator==(const ProgramTraining&, const ProgramTraining&) = default;
};

// What a coordinator sets; the service validates it (ProgramService::Create/Update).
struct ProgramFields {
  std::string name;  // 1..200 bytes, unique among programs not archived
  std::string description;
  ProgramType type = ProgramType::kOneOnOne;
  ProgramNeed need = ProgramNeed::kOther;
  std::string objectives;             // free text
  std::vector<std::string> measures;  // what the outcome report will measure, in words
  Date start_date{};
  Date end_date{};  // after start_date
  // The enrollment window: people apply from `enrollment_opens` through `enrollment_closes`.
  Date enrollment_opens{};
  Date enrollment_closes{};
  int relationship_months = 6;  // 1..36
  MeetingCadence cadence = MeetingCadence::kMonthly;
  std::vector<std::string> coordinators;    // employee ids; at least one
  std::vector<std::string> shadow_mentors;  // employee ids of the shadow mentor pool
  std::optional<ProgramGroup> group;        // set exactly for group programs
  std::optional<ProgramTraining> training;  // set exactly for training programs
  MentorCapacity mentor_capacity;
  EligibilityRules mentor_eligibility;
  EligibilityRules mentee_eligibility;
  // A mentor applicant must hold a credential (checked once credentialing exists).
  bool requires_mentor_credential = false;
  // Applicants' managers are asked to approve the time (otherwise only told).
  bool manager_approval = false;
  int max_ranked_choices = 3;   // how many mentors a mentee may rank, 0..10
  int request_expiry_days = 7;  // self_match: days a request stays open, 1..60
  friend bool operator==(const ProgramFields&, const ProgramFields&) = default;
};

struct Program : ProgramFields {
  ProgramId id;
  ProgramStatus status = ProgramStatus::kDraft;
  std::string created_at;  // ISO 8601 UTC
  std::string updated_at;
};

// The actor coordinates `program`: listed among its coordinators, or an admin.
bool IsProgramCoordinator(const Program& program, const Actor& actor);

// The actor may see the program: a person, and the program open or closed, or the actor
// coordinates it. (Participants of archived programs come with the applications' own checks.)
bool MaySeeProgram(const Program& program, const Actor& actor);

// The program takes applications on `today`: open, and inside the enrollment window.
bool IsEnrollmentOpen(const Program& program, Date today);

}  // namespace pairwise::domain
