// Surveys (issue 23). Access is decided by SurveyService; the link routes need no session (the
// token in the path is the credential for that one invitation, redacted from the access log).
//
//   GET|POST /api/v1/programs/{program_id}/surveys            the program's surveys (coordinators)
//   GET|PUT  /api/v1/surveys/{survey_id}
//   GET      /api/v1/surveys/{survey_id}/results?by=&group=  aggregates, small groups hidden
//   GET      /api/v1/me/surveys                               the actor's surveys (due, answered)
//   GET      /api/v1/me/surveys/{invitation_id}
//   POST     /api/v1/me/surveys/{invitation_id}/answers
//   GET      /api/v1/survey-links/{token}                     without a session
//   POST     /api/v1/survey-links/{token}/answers             without a session, once
#pragma once

#include "api/auth.h"
#include "api/http_types.h"
#include "api/router.h"
#include "domain/surveys/survey_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterSurveyRoutes(Router& router, AuthGate& auth, domain::SurveyService& service);

// The results' query parameters `by` and `group` (the results route and its export). The
// service judges them (InvalidArgument "by" / "group").
domain::SurveyResultsQuery ParseSurveyResultsQuery(const HttpRequest& request);

}  // namespace pairwise::api
