// The demo organization's mentoring program, ready to match: "Cross-Team Mentoring", a
// one-on-one program coordinated by the demo coordinator, with application forms (skills to
// grow, skills offered, ranked mentors) and approved applications from about a third of the
// active people at levels 1-4 as mentees and about 30% of those at level 5 and up as mentors,
// each mentor taking up to 4 mentees. At 100,000 people (75,000 active) that is about 20,000
// mentees and 6,000 mentors.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application_repository.h"
#include "domain/demo/demo_organization.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/program_repository.h"

namespace pairwise::domain {

inline constexpr std::string_view kDemoProgramName = "Cross-Team Mentoring";

struct DemoProgramSummary {
  ProgramId program;
  int mentees = 0;
  int mentors = 0;
};

// Creates the program unless one of that name exists (then returns it with zero counts).
// `coordinator` is its coordinator's employee id; `participant` and `manager` (employee ids,
// may be empty) are enrolled as a mentee and a mentor so that their demo accounts see the
// program from both sides. Deterministic for the same directory and options. Writes through
// the repositories directly (the demo skips the enrollment window and review).
Result<DemoProgramSummary> LoadDemoProgram(
    PeopleService& people, ProfileRepository& profiles, ProgramRepository& programs,
    ApplicationRepository& applications, const DemoOptions& options, const std::string& coordinator,
    const std::string& participant, const std::string& manager, TimePoint now);

}  // namespace pairwise::domain
