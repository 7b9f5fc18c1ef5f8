// One-click unsubscribe from reminders (issue 20, RFC 8058). No session: the token in the path
// is the key (UnsubscribeService).
//
//   GET  /unsubscribe/{token}             the UI's page (index.html; 404 for an unknown link),
//                                         which changes nothing (link scanners prefetch it)
//   POST /unsubscribe/{token}             RFC 8058's one-click POST from a mail provider:
//                                         body List-Unsubscribe=One-Click, form encoded
//                                         (application/x-www-form-urlencoded or
//                                         multipart/form-data); 400 for any other body
//   GET  /api/v1/unsubscribe/{token}      what the link turns off (the page reads this)
//   POST /api/v1/unsubscribe/{token}      the page's confirm button
#pragma once

#include "api/router.h"
#include "domain/health/unsubscribe_service.h"

namespace pairwise::api {

// Adds the routes above. `service` and `router` must outlive the router's use; the UI page is
// the router's fallback (static files) when one is set, else the JSON answer.
void RegisterUnsubscribeRoutes(Router& router, domain::UnsubscribeService& service);

// Whether `body` with `content_type` is RFC 8058's List-Unsubscribe=One-Click, form encoded.
bool IsOneClickBody(std::string_view content_type, std::string_view body);

}  // namespace pairwise::api
