// The directory: people as the organization's HR system knows them, with the reference data
// they point at (departments, sites) and the skills taxonomy. Plain values, no behaviour beyond
// conversions; the rules live in PeopleService.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"

namespace pairwise::domain {

// A calendar date without time zone (hire date, date left, event date).
using Date = std::chrono::year_month_day;

// "2024-02-29". Precondition: date.ok().
std::string FormatDate(Date date);
// Parses exactly "YYYY-MM-DD" naming a real calendar day; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

using PersonId = Id<struct PersonTag>;

// Seniority levels run from kMinLevel (entry) to kMaxLevel (chief executive).
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 10;

struct Department {
  std::string code;      // the organization's own key, e.g. "ENG-PLAT"; unique
  std::string name;      // "Platform Engineering"
  std::string division;  // "Engineering": the group of departments it belongs to
  friend bool operator==(const Department&, const Department&) = default;
};

struct Site {
  std::string code;       // e.g. "LON"; unique
  std::string name;       // "London"
  std::string country;    // ISO 3166-1 alpha-2, upper case: "GB"
  std::string time_zone;  // IANA name: "Europe/London"
  friend bool operator==(const Site&, const Site&) = default;
};

// One entry of the skills taxonomy that mentors offer and mentees seek.
struct Skill {
  std::string code;    // stable skill id, e.g. "kubernetes"; unique
  std::string name;    // "Kubernetes"
  std::string family;  // "Cloud & Infrastructure"
  friend bool operator==(const Skill&, const Skill&) = default;
};

enum class EmploymentStatus { kActive, kLeave, kLeft };

// "active" | "leave" | "left".
std::string_view EmploymentStatusName(EmploymentStatus status);
std::optional<EmploymentStatus> ParseEmploymentStatus(std::string_view name);

// A person as the directory states it: what an import or the demo generator provides. References
// to other records (manager, department, site) are by the organization's own keys.
struct PersonRecord {
  std::string employee_id;  // the organization's key; unique
  std::string first_name;
  std::string last_name;
  std::string email;       // unique, compared without regard to ASCII case
  std::string department;  // a Department::code; empty when none
  std::string site;        // a Site::code; empty when none
  std::string time_zone;   // IANA name; where the person works from
  std::string job_title;
  int level = kMinLevel;            // kMinLevel..kMaxLevel
  std::string manager_employee_id;  // empty for the top of the organization
  Date hire_date{};
  EmploymentStatus status = EmploymentStatus::kActive;
  std::optional<Date> left_date;       // set exactly when status is kLeft
  std::vector<std::string> languages;  // ISO 639-1 codes, most fluent first, no repeats
  friend bool operator==(const PersonRecord&, const PersonRecord&) = default;
};

// A stored person: the record plus the internal id storage gave it.
struct Person : PersonRecord {
  PersonId id;
};

enum class PersonEventKind { kHire, kPromotion, kTitleChange, kExit };

// "hire" | "promotion" | "title_change" | "exit".
std::string_view PersonEventKindName(PersonEventKind kind);
std::optional<PersonEventKind> ParsePersonEventKind(std::string_view name);

// One dated step of a person's history. A person has at most one event of a kind on a date.
struct PersonEvent {
  std::string employee_id;
  PersonEventKind kind = PersonEventKind::kHire;
  Date date{};
  std::optional<int> from_level;  // promotion: the level before; exit: the level held
  std::optional<int> to_level;    // hire: the level joined at; promotion: the new level
  std::string from_title;         // empty when it does not apply
  std::string to_title;
  friend bool operator==(const PersonEvent&, const PersonEvent&) = default;
};

// An optional attribute the organization imports only so that outcomes can be compared across
// groups (the matching fairness view): e.g. "gender" = "woman". It is never shown per person:
// only counts over groups of at least five people, to coordinators.
struct ReportingAttribute {
  std::string employee_id;
  std::string name;   // [a-z0-9_], 1 to 40 bytes: "gender", "employee_network"
  std::string value;  // 1 to 100 bytes of text; empty in a write removes the value
  friend bool operator==(const ReportingAttribute&, const ReportingAttribute&) = default;
};

// Everything an import states at once. Records may refer to each other and to what is stored.
struct Directory {
  std::vector<Department> departments;
  std::vector<Site> sites;
  std::vector<Skill> skills;
  std::vector<PersonRecord> people;
  std::vector<PersonEvent> events;
  // Written after the people; each must name a person of the directory or stored.
  std::vector<ReportingAttribute> attributes;
};

}  // namespace pairwise::domain
