#include "domain/programs/program.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/access/actor.h"

namespace pairwise::domain {

namespace {

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<ProgramType, std::string_view>, 6> kTypes = {{
    {ProgramType::kOneOnOne, "one_on_one"},
    {ProgramType::kGroup, "group"},
    {ProgramType::kSelfMatch, "self_match"},
    {ProgramType::kTraining, "training"},
    {ProgramType::kReverse, "reverse"},
    {ProgramType::kVirtual, "virtual"},
}};

constexpr std::array<std::pair<ProgramNeed, std::string_view>, 10> kNeeds = {{
    {ProgramNeed::kOnboarding, "onboarding"},
    {ProgramNeed::kSkillsTransfer, "skills_transfer"},
    {ProgramNeed::kCareerDevelopment, "career_development"},
    {ProgramNeed::kLeadership, "leadership"},
    {ProgramNeed::kDiversity, "diversity"},
    {ProgramNeed::kKnowledgeTransfer, "knowledge_transfer"},
    {ProgramNeed::kRetention, "retention"},
    {ProgramNeed::kCustomerService, "customer_service"},
    {ProgramNeed::kCultureChange, "culture_change"},
    {ProgramNeed::kOther, "other"},
}};

constexpr std::array<std::pair<ProgramStatus, std::string_view>, 4> kStatuses = {{
    {ProgramStatus::kDraft, "draft"},
    {ProgramStatus::kOpen, "open"},
    {ProgramStatus::kClosed, "closed"},
    {ProgramStatus::kArchived, "archived"},
}};

constexpr std::array<std::pair<MeetingCadence, std::string_view>, 3> kCadences = {{
    {MeetingCadence::kWeekly, "weekly"},
    {MeetingCadence::kBiweekly, "biweekly"},
    {MeetingCadence::kMonthly, "monthly"},
}};

constexpr std::array<std::pair<Side, std::string_view>, 2> kSides = {{
    {Side::kMentor, "mentor"},
    {Side::kMentee, "mentee"},
}};

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string_view ProgramTypeName(ProgramType type) { return NameOf(kTypes, type); }
std::optional<ProgramType> ParseProgramType(std::string_view name) { return Parse(kTypes, name); }
std::string_view ProgramNeedName(ProgramNeed need) { return NameOf(kNeeds, need); }
std::optional<ProgramNeed> ParseProgramNeed(std::string_view name) { return Parse(kNeeds, name); }
std::string_view ProgramStatusName(ProgramStatus status) { return NameOf(kStatuses, status); }
std::optional<ProgramStatus> ParseProgramStatus(std::string_view name) {
  return Parse(kStatuses, name);
}
std::string_view MeetingCadenceName(MeetingCadence cadence) { return NameOf(kCadences, cadence); }
std::optional<MeetingCadence> ParseMeetingCadence(std::string_view name) {
  return Parse(kCadences, name);
}
std::string_view SideName(Side side) { return NameOf(kSides, side); }
std::optional<Side> ParseSide(std::string_view name) { return Parse(kSides, name); }

int TenureMonths(Date hire, Date today) {
  if (!hire.ok() || !today.ok() || today < hire) return 0;
  int months = (static_cast<int>(today.year()) - static_cast<int>(hire.year())) * 12 +
               (static_cast<int>(static_cast<unsigned>(today.month())) -
                static_cast<int>(static_cast<unsigned>(hire.month())));
  // A month is complete on the same day of the month (or the month's last day, for a hire on
  // the 31st).
  const auto last_day_of_today_month =
      std::chrono::year_month_day_last(today.year(), std::chrono::month_day_last(today.month()))
          .day();
  if (today.day() < hire.day() && today.day() != last_day_of_today_month) --months;
  return std::max(months, 0);
}

std::optional<IneligibleReason> CheckEligibility(const EligibilityRules& rules, Side side,
                                                 const Person& person, Date today) {
  const std::string as = side == Side::kMentor ? "as a mentor" : "as a mentee";
  if (!rules.departments.empty() && !Contains(rules.departments, person.department)) {
    return IneligibleReason{"department", "your department may not join this program " + as};
  }
  if (!rules.sites.empty() && !Contains(rules.sites, person.site)) {
    return IneligibleReason{"site", "your site may not join this program " + as};
  }
  if ((rules.min_level && person.level < *rules.min_level) ||
      (rules.max_level && person.level > *rules.max_level)) {
    std::string range;
    if (rules.min_level && rules.max_level) {
      range =
          "levels " + std::to_string(*rules.min_level) + " to " + std::to_string(*rules.max_level);
    } else if (rules.min_level) {
      range = "level " + std::to_string(*rules.min_level) + " and above";
    } else {
      range = "level " + std::to_string(*rules.max_level) + " and below";
    }
    return IneligibleReason{"level", "this program takes " + range + " " + as};
  }
  if (rules.min_tenure_months && TenureMonths(person.hire_date, today) < *rules.min_tenure_months) {
    return IneligibleReason{"tenure", "this program needs at least " +
                                          std::to_string(*rules.min_tenure_months) +
                                          " months with the organization " + as};
  }
  const bool status_ok = rules.statuses.empty()
                             ? person.status == EmploymentStatus::kActive
                             : person.status != EmploymentStatus::kLeft &&
                                   std::find(rules.statuses.begin(), rules.statuses.end(),
                                             person.status) != rules.statuses.end();
  if (!status_ok) {
    return IneligibleReason{
        "status",
        "people " +
            std::string(person.status == EmploymentStatus::kLeave ? "on leave" : "who left") +
            " may not join this program " + as};
  }
  if (!rules.employee_ids.empty() && !Contains(rules.employee_ids, person.employee_id)) {
    return IneligibleReason{"list", "this program is for named people only " + as};
  }
  return std::nullopt;
}

bool IsProgramCoordinator(const Program& program, const Actor& actor) {
  if (actor.IsAdmin()) return true;
  return actor.IsPerson() && !actor.employee_id.empty() &&
         Contains(program.coordinators, actor.employee_id);
}

bool MaySeeProgram(const Program& program, const Actor& actor) {
  if (!actor.IsPerson()) return false;
  return program.status == ProgramStatus::kOpen || program.status == ProgramStatus::kClosed ||
         IsProgramCoordinator(program, actor);
}

bool IsEnrollmentOpen(const Program& program, Date today) {
  return program.status == ProgramStatus::kOpen && program.enrollment_opens <= today &&
         today <= program.enrollment_closes;
}

}  // namespace pairwise::domain
