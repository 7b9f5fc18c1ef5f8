// Mentor resources (issue 21). Every route needs a session (through `auth`); access is decided by
// ResourceService: everyone signed in reads published resources, coordinators and admins write
// (docs/resources.md). Answers are never cached.
//
//   GET  /api/v1/resources?q=&topic=&drafts=true   search; with the topics and can_create
//   POST /api/v1/resources                         {title, body, topics, published}
//   GET|PUT|DELETE /api/v1/resources/{resource_id} PUT: {version, title, body, topics, published}
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/resources/resource_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterResourceRoutes(Router& router, AuthGate& auth, domain::ResourceService& resources);

}  // namespace pairwise::api
