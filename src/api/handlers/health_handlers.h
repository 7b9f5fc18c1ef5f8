// Relationship health and nudges (issue 22). Every route needs a session (through `auth`);
// access is decided by HealthService.
//
//   GET  /api/v1/admin/scheduler                     the latest ticks (admins)
//   POST /api/v1/admin/scheduler/run                 run this hour's tick now (admins)
//   GET  /api/v1/programs/{program_id}/health?label=&component=&side=&offset=&limit=
//   GET|PUT /api/v1/programs/{program_id}/health/settings
//   POST /api/v1/programs/{program_id}/health/preview
//   POST /api/v1/programs/{program_id}/health/nudges
//   GET  /api/v1/programs/{program_id}/health/mentor-load
//   GET  /api/v1/relationships/{relationship_id}/health
//   GET|PUT /api/v1/me/reminders
//   POST /api/v1/relationships/{relationship_id}/replace-mentor  (202, the queued rematch)
#pragma once

#include <string>

#include "api/auth.h"
#include "api/router.h"
#include "domain/health/health_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router; `worker` names this
// server in the claims of ticks run by hand.
void RegisterHealthRoutes(Router& router, AuthGate& auth, domain::HealthService& service,
                          std::string worker);

}  // namespace pairwise::api
