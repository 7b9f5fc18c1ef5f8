// Application forms, applications, review, nominations and the manager's view. Every route
// needs a session (through `auth`); access is decided by ApplicationService.
//
//   GET|PUT /api/v1/programs/{program_id}/forms/{side}
//   POST    /api/v1/programs/{program_id}/applications            (apply)
//   GET     /api/v1/programs/{program_id}/applications            (review table)
//   POST    /api/v1/programs/{program_id}/applications/review     (bulk approve / decline)
//   POST    /api/v1/programs/{program_id}/nominations
//   GET|PUT /api/v1/applications/{application_id}
//   POST    /api/v1/applications/{application_id}/withdraw
//   POST    /api/v1/applications/{application_id}/manager-approval
//   GET     /api/v1/me/applications, GET /api/v1/me/team
#pragma once

#include <nlohmann/json.hpp>

#include "api/auth.h"
#include "api/router.h"
#include "common/status.h"
#include "domain/applications/application_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `applications` must outlive the router.
void RegisterApplicationRoutes(Router& router, AuthGate& auth,
                               domain::ApplicationService& applications);

// The review table's query of GET /api/v1/programs/{program_id}/applications (also the
// applications export's filters): side, status, q, sort, order, offset, limit. InvalidArgument
// naming the field for a word that is not one of the list's or a number that is not a whole
// number; bounds are the service's.
Result<domain::ReviewQuery> ParseReviewQuery(const HttpRequest& request);

}  // namespace pairwise::api
