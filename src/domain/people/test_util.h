// Small valid directories for tests (domain and storage contract tests). Header-only, tests only.
#pragma once

#include <string>

#include "domain/people/person.h"

namespace pairwise::domain::testing {

inline Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

inline PersonRecord MakePerson(std::string employee_id, std::string manager = {}) {
  PersonRecord p;
  p.employee_id = employee_id;
  p.first_name = "First" + employee_id;
  p.last_name = "Last";
  p.email = "p." + employee_id + "@example.com";
  p.department = "ENG";
  p.site = "LON";
  p.time_zone = "Europe/London";
  p.job_title = "Software Engineer";
  p.level = 3;
  p.manager_employee_id = std::move(manager);
  p.hire_date = D(2020, 3, 15);
  p.languages = {"en", "fr"};
  return p;
}

// CEO "E1" managing "E2" and "E3"; "E4" reports to "E2". Two departments, two sites, three skills,
// and a few events.
inline Directory SmallDirectory() {
  Directory d;
  d.departments = {{"ENG", "Engineering", "Technology"}, {"FIN", "Finance", "Operations"}};
  d.sites = {{"LON", "London", "GB", "Europe/London"},
             {"NYC", "New York", "US", "America/New_York"}};
  d.skills = {{"cpp", "C++", "Programming Languages"},
              {"kubernetes", "Kubernetes", "Cloud & Infrastructure"},
              {"budgeting", "Budgeting", "Finance & Accounting"}};
  PersonRecord ceo = MakePerson("E1");
  ceo.level = 10;
  ceo.job_title = "Chief Executive Officer";
  ceo.site = "NYC";
  ceo.time_zone = "America/New_York";
  ceo.languages = {"en"};
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 7;
  e2.job_title = "Director of Engineering";
  PersonRecord e3 = MakePerson("E3", "E1");
  e3.department = "FIN";
  e3.job_title = "Director of Finance";
  e3.level = 7;
  e3.languages = {};
  PersonRecord e4 = MakePerson("E4", "E2");
  e4.status = EmploymentStatus::kLeft;
  e4.left_date = D(2024, 6, 30);
  d.people = {ceo, e2, e3, e4};
  d.events = {
      {"E4", PersonEventKind::kHire, D(2020, 3, 15), std::nullopt, 2, "", "Software Engineer"},
      {"E4", PersonEventKind::kPromotion, D(2022, 1, 1), 2, 3, "Software Engineer",
       "Software Engineer II"},
      {"E4", PersonEventKind::kExit, D(2024, 6, 30), 3, std::nullopt, "Software Engineer II", ""},
      {"E2", PersonEventKind::kTitleChange, D(2023, 5, 2), std::nullopt, std::nullopt,
       "Engineering Manager", "Director of Engineering"},
  };
  return d;
}

}  // namespace pairwise::domain::testing
