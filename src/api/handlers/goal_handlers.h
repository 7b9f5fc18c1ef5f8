// SMART goal routes of a relationship. Every route needs a session (through `auth`); access is
// decided by GoalService (the mentee writes, the mentor confirms, overseers see progress only).
//
//   GET|POST /api/v1/relationships/{relationship_id}/goals
//   PUT  /api/v1/relationships/{relationship_id}/goals/{goal_id}
//   POST /api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones
//   PUT  /api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones/{milestone_id}
//   POST /api/v1/relationships/{relationship_id}/goals/{goal_id}/confirm
//   GET  /api/v1/relationships/{relationship_id}/goals/{goal_id}/history
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/relationships/goal_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterGoalRoutes(Router& router, AuthGate& auth, domain::GoalService& goals);

}  // namespace pairwise::api
