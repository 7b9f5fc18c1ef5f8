// Relationship routes. Every route needs a session (through `auth`); access is decided by
// RelationshipService (relationship_access.h): the pair, the program's coordinators, shadow
// mentors, managers and admins each see what their relation allows.
//
//   GET  /api/v1/me/relationships
//   GET  /api/v1/programs/{program_id}/relationships       (?status=&offset=&limit=; a page)
//   GET|PUT /api/v1/programs/{program_id}/agreement-template
//   GET  /api/v1/relationships/{relationship_id}
//   POST /api/v1/relationships/{relationship_id}/agreement/accept
//   POST /api/v1/relationships/{relationship_id}/end
//   POST /api/v1/relationships/{relationship_id}/complete
//   POST /api/v1/relationships/{relationship_id}/rematch   (202, a queued rematch)
#pragma once

#include <nlohmann/json.hpp>

#include "api/auth.h"
#include "api/router.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterRelationshipRoutes(Router& router, AuthGate& auth,
                                domain::RelationshipService& relationships);

// The page query of GET /api/v1/programs/{program_id}/relationships (also the relationship
// export's filters): status, person, offset, limit. InvalidArgument naming the field for a
// status that is no status or a number that is not a whole number; ranges are the service's.
Result<domain::RelationshipPageQuery> ParseRelationshipPageQuery(const HttpRequest& request);

// The answer to a queued rematch (the relationship's rematch, and the health board's
// replacement of an unresponsive mentor): the proposal's id, program and status.
nlohmann::json QueuedRematchJson(const domain::Proposal& proposal);

}  // namespace pairwise::api
