// The demo's alumni: "Career Mentoring 2024", a one-on-one program that ran two years before
// the directory's history ends, so that the outcomes page has participants whose 12- and
// 24-month windows have closed. Who took part is drawn from the directory's own history with a
// modest planted association: people who stayed a year were somewhat likelier to be chosen than
// people who left, and people promoted within two years likelier than others. The analysis then
// finds participants retained and promoted more often than comparable colleagues — which is
// exactly what selection alone can produce, and why the page says "association, not proof".
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application_repository.h"
#include "domain/demo/demo_organization.h"
#include "domain/programs/program_repository.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"
#include "domain/relationships/relationship_courses.h"
#include "domain/reports/report_repository.h"

namespace pairwise::domain {

inline constexpr std::string_view kDemoAlumniProgramName = "Career Mentoring 2024";

struct DemoAlumniSummary {
  int relationships = 0;
  int completed = 0, ended_early = 0;
};

// Creates the program and its relationships (agreement accepted a week in, completed after ten
// months, or ended early when the mentee left; written in one go through `courses`) unless a
// program of that name exists (then zero counts). Deterministic for the same directory and options.
// `coordinator` may be empty.
Result<DemoAlumniSummary> LoadDemoAlumni(ReportReader& reports, ProgramRepository& programs,
                                         ApplicationRepository& applications,
                                         ProposalRepository& proposals,
                                         RelationshipCourseWriter& courses,
                                         const DemoOptions& options,
                                         const std::string& coordinator);

}  // namespace pairwise::domain
