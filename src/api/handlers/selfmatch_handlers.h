// Self-match routes. Every route needs a session (through `auth`); access is decided by
// SelfMatchService.
//
//   GET  /api/v1/programs/{program_id}/mentors?q=&skill=&department=&site=&language=&min_hours=
//   POST /api/v1/programs/{program_id}/requests      GET
//   /api/v1/programs/{program_id}/requests?box= POST /api/v1/requests/{request_id}/accept |
//   /decline | /cancel
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/selfmatch/selfmatch_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterSelfMatchRoutes(Router& router, AuthGate& auth, domain::SelfMatchService& service);

}  // namespace pairwise::api
