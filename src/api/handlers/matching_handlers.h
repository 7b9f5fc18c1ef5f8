// Matching-a-program routes. Every route needs a session (through `auth`); access is decided by
// MatchingService (the program's coordinators). Relationships: relationship_handlers.h.
//
//   GET|PUT /api/v1/programs/{program_id}/matching/settings
//   GET|PUT /api/v1/programs/{program_id}/matching/constraints
//   DELETE  /api/v1/programs/{program_id}/matching/constraints/{mentee}/{mentor}
//   GET|POST /api/v1/programs/{program_id}/proposals          (POST: run; 202, a queued job)
//   POST    /api/v1/programs/{program_id}/rematch             (202, a queued job)
//   GET     /api/v1/programs/{program_id}/proposals/{proposal_id}
//   POST    .../proposals/{proposal_id}/cancel
//   GET     .../proposals/{proposal_id}/pairs | /unmatched | /fairness | /compare/{other_id}
//   POST    .../proposals/{proposal_id}/changes/preview | /changes
//   GET|POST .../proposals/{proposal_id}/publish               (GET: what publishing will do)
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/proposals/matching_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterMatchingRoutes(Router& router, AuthGate& auth, domain::MatchingService& matching);

}  // namespace pairwise::api
