// Reports of a program: its dashboard and its outcomes against comparable non-participants,
// and the audit record of every export. Coordinators of the program and admins only; managers,
// participants and API tokens are refused.
#pragma once

#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/assessments/assessment_service.h"
#include "domain/programs/program_repository.h"
#include "domain/reports/dashboard.h"
#include "domain/reports/outcomes.h"
#include "domain/reports/report_repository.h"

namespace pairwise::domain {

// Thread-safe as far as its dependencies are; holds no state of its own.
class ReportService {
 public:
  // All must outlive the service. `surveys` and `health` are read for the dashboard's survey
  // figures and health labels over time.
  ReportService(ReportReader& reports, ProgramRepository& programs, SurveyRepository& surveys,
                HealthRepository& health, AuditLog& audit, const Clock& clock)
      : reports_(reports),
        programs_(programs),
        surveys_(surveys),
        health_(health),
        audit_(audit),
        clock_(clock) {}

  // Where the dashboard's competency change comes from (the assessments' own results, one
  // code path); null: the dashboard shows none. Set once at start-up; must outlive the service.
  void SetAssessments(AssessmentService* assessments) { assessments_ = assessments; }

  // The program's dashboard today, with its surveys' figures (SurveyFigureOf, under
  // SurveySelectionFor(filter)), its health labels over the last kHealthHistoryDays days and its
  // mentees' figures by group (FairnessByGroup).
  // NotFound when the program does not exist or the actor may not see it; Forbidden for someone who
  // sees it but does not coordinate it (admins may); InvalidArgument ("level") for a level filter
  // outside 0..kMaxLevel.
  Result<ProgramDashboard> Dashboard(const Actor& actor, ProgramId program,
                                     const DashboardFilter& filter);
  // The program's outcomes as of today; access and errors as Dashboard.
  Result<ProgramOutcomes> Outcomes(const Actor& actor, ProgramId program,
                                   const DashboardFilter& filter);
  // Records in the audit log that the actor exported `report` ("dashboard" | "outcomes") of the
  // program as `format` ("csv" | "xlsx"); access as Dashboard (checked again, so that no export
  // goes unrecorded or unchecked).
  Status RecordExport(const Actor& actor, ProgramId program, std::string_view report,
                      std::string_view format, int64_t rows);

  // Every program the actor coordinates (admins: every program), by name, with its headline
  // figures (BuildDashboard's, unfiltered). Forbidden for anyone who is neither an admin nor a
  // coordinator; API tokens are refused (RequirePerson).
  Result<std::vector<ProgramOverview>> ProgramsOverview(const Actor& actor);
  // Records the export of the programs overview as `format`; access as ProgramsOverview.
  Status RecordOverviewExport(const Actor& actor, std::string_view format, int64_t rows);

 private:
  Result<Program> Coordinated(const Actor& actor, ProgramId id);

  ReportReader& reports_;
  ProgramRepository& programs_;
  SurveyRepository& surveys_;
  AssessmentService* assessments_ = nullptr;
  HealthRepository& health_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
