// Matching-a-program routes. Every route needs a session (through `auth`); access is decided by
// MatchingService and RelationshipService (the program's coordinators; a person's own
// relationships).
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
//   GET     /api/v1/programs/{program_id}/relationships
//   GET     /api/v1/me/relationships
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/proposals/matching_service.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the services must outlive the router.
void RegisterMatchingRoutes(Router& router, AuthGate& auth, domain::MatchingService& matching,
                            domain::RelationshipService& relationships);

}  // namespace pairwise::api
