// Meeting routes (issue 19). Every route needs a session (through `auth`); access is decided
// by MeetingService (only the pair of a relationship sees or acts on its meetings).
//
//   GET|PUT /api/v1/me/availability
//   GET     /api/v1/relationships/{relationship_id}/free-slots?duration_minutes=&limit=
//   GET     /api/v1/relationships/{relationship_id}/meetings
//   POST    /api/v1/relationships/{relationship_id}/meetings
//   GET     /api/v1/relationships/{relationship_id}/meetings/{meeting_id}
//   POST    /api/v1/relationships/{relationship_id}/meetings/{meeting_id}/accept | /counter |
//           /reschedule | /cancel | /log
//   GET     /api/v1/relationships/{relationship_id}/action-items
//   PUT     /api/v1/relationships/{relationship_id}/action-items/{item_id}/done
//   GET|POST|DELETE /api/v1/me/calendar-feed
//   GET     /api/v1/calendar/{token}.ics   (no session: the secret token is the credential)
//
// Group meeting routes (group programs; access decided by GroupMeetingService):
//   GET|POST /api/v1/relationships/{relationship_id}/group/meetings
//   GET      /api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}
//   POST     /api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/respond |
//            /reschedule | /cancel | /log
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/meetings/group_meeting_service.h"
#include "domain/meetings/meeting_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterMeetingRoutes(Router& router, AuthGate& auth, domain::MeetingService& service);
// Adds the group meeting routes above. `auth` and `service` must outlive the router.
void RegisterGroupMeetingRoutes(Router& router, AuthGate& auth,
                                domain::GroupMeetingService& service);

}  // namespace pairwise::api
