// Reports and outcomes (issue 24). Every route needs a session (through `auth`); access is
// decided by ReportService (the program's coordinators and admins).
//
//   GET /api/v1/programs/{program_id}/reports/dashboard?department=&site=&level=
//   GET /api/v1/programs/{program_id}/reports/dashboard/export?format=csv|xlsx&table=&...filters
//   GET /api/v1/programs/{program_id}/reports/outcomes?department=&site=&level=
//   GET /api/v1/programs/{program_id}/reports/outcomes/export?format=csv|xlsx&...filters
//
// A CSV export holds one table (`table`: funnel, days_to_match, days_to_first_meeting,
// meeting_rate, meetings_per_month, goals, early_endings, mentor_load_summary, mentor_load,
// surveys, competency_change, health_labels, fairness; outcomes has one); an XLSX export holds
// every table of the report, a sheet each. Each export is recorded in the audit log.
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/reports/report_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterReportRoutes(Router& router, AuthGate& auth, domain::ReportService& service);

}  // namespace pairwise::api
