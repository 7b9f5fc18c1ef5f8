// A relationship's group (group programs) and the shadow mentor's messages to the pair. Every
// route needs a session (through `auth`); access is decided by RelationshipService and
// PairMessageService. Answers are never cached.
//
//   GET      /api/v1/relationships/{relationship_id}/group
//   GET|POST /api/v1/relationships/{relationship_id}/messages
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/relationships/pair_message_service.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the services must outlive the router.
void RegisterGroupRoutes(Router& router, AuthGate& auth, domain::RelationshipService& relationships,
                         domain::PairMessageService& messages);

}  // namespace pairwise::api
