// The demo organization: a realistic synthetic directory, so that Pairwise can be tried (and
// benchmarked) without an HR export. It is loaded through PeopleService::LoadDirectory, the
// path users' data takes.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "domain/people/people_service.h"
#include "domain/people/person.h"

namespace pairwise::domain {

struct DemoOptions {
  // People in the directory, those who left in the last three years included (about a fifth).
  // kMinDemoPeople..kMaxDemoPeople.
  int people = 2000;
  // The same seed (and options) gives the same organization, on any platform.
  uint64_t seed = 42;
  // The day the history ends: hire dates, promotions and exits are before or on it.
  Date as_of = Date{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(1)};
  // The Leadership Circle's history goes through the services over repositories that read each
  // row once (true), or that read as the services do at every call (false: the same writes,
  // slower on PostgreSQL; a test compares the two).
  bool history_reads_once = true;
};
inline constexpr int kMinDemoPeople = 100;
inline constexpr int kMaxDemoPeople = 1'000'000;

struct DemoSummary {
  int64_t people = 0;
  int64_t departments = 0;
  int64_t sites = 0;
  int64_t skills = 0;
  int64_t events = 0;
};

// Builds the organization: a CEO, division heads and about 40 departments in 6 divisions, 17
// sites in 14 time zones, a management tree of spans 3..12 (at 1,000 people and more) and at
// most 8 levels from the CEO down, titles that match level and department ("Senior Software
// Engineer", "Director of Accounting"), levels 1..10, names from twelve cultures weighted by
// site, languages (the site's and the person's own, English often), unique emails
// (first.last[+n]@pairwise-demo.example), hire dates, three years of history (about 10% of
// people leave each year; hires, promotions, title changes and exits are recorded as events),
// a skills taxonomy of about 300 skills in 17 families, and the optional reporting attribute
// "gender" for about 9 in 10 people (shown only in aggregate). Deterministic: depends only on
// `options`. InvalidArgument (field "people" or "as_of") for options out of range.
Result<Directory> GenerateDemoOrganization(const DemoOptions& options);

// Generates the organization and loads it with service.LoadDirectory (one transaction).
// Returns what was loaded; errors as GenerateDemoOrganization and LoadDirectory return them.
Result<DemoSummary> LoadDemoOrganization(PeopleService& service, const DemoOptions& options);

}  // namespace pairwise::domain
