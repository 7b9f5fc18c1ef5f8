// The fixed tables the demo organization is drawn from: cultures and their names, sites,
// divisions and departments with their job families, and the skills taxonomy.
#pragma once

#include <span>
#include <string_view>

namespace pairwise::domain::demo {

struct CultureData {
  std::string_view name;
  std::string_view language;  // ISO 639-1
  std::span<const std::string_view> first_names;
  std::span<const std::string_view> last_names;
};

struct SiteData {
  std::string_view code;
  std::string_view name;
  std::string_view country;
  std::string_view time_zone;
  std::string_view language;  // the language spoken around the office
  int culture;                // index into Cultures(): where most local names come from
  int local_per_mille;        // share of people with local names; the rest from any culture
  int weight;                 // relative headcount
};

struct DivisionData {
  std::string_view name;
  std::string_view head_title;  // level 9
};

struct DepartmentData {
  std::string_view code;
  std::string_view name;
  int division;           // index into Divisions()
  int weight;             // relative headcount; 0: the executive office, staffed separately
  std::string_view role;  // individual contributors: "Software Engineer"
  std::string_view manager_title;  // first-line managers: "Engineering Manager"
  bool technical;                  // "Staff"/"Distinguished" rather than "Lead"/"Senior Principal"
};

struct SkillFamilyData {
  std::string_view family;
  std::span<const std::string_view> skills;
};

std::span<const CultureData> Cultures();
std::span<const SiteData> Sites();
std::span<const DivisionData> Divisions();
// The executive office comes first; then the divisions' departments.
std::span<const DepartmentData> Departments();
std::span<const SkillFamilyData> SkillFamilies();
// Where remote workers live, away from any office.
std::span<const std::string_view> RemoteTimeZones();
// Languages people sometimes speak besides their own and their site's.
std::span<const std::string_view> ExtraLanguages();

}  // namespace pairwise::domain::demo
