// Competency assessments (issue 23). Access is decided by AssessmentService.
//
//   GET|PUT /api/v1/programs/{program_id}/assessment-competencies  coordinators and admins
//   GET     /api/v1/programs/{program_id}/assessment-results       aggregates, small groups hidden
//   GET     /api/v1/relationships/{relationship_id}/assessments    the pair only
//   PUT     /api/v1/relationships/{relationship_id}/assessments/{phase}  "start" | "end"
//   GET     /api/v1/me/assessments                                 the actor's phases due
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/assessments/assessment_service.h"

namespace pairwise::api {

// The aggregate as JSON, for the program dashboard's block as well (one shape).
nlohmann::json AssessmentResultsJson(const domain::AssessmentResults& results);

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterAssessmentRoutes(Router& router, AuthGate& auth, domain::AssessmentService& service);

}  // namespace pairwise::api
