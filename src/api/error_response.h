// The one place that picks an error answer's shape by where the request went: SCIM's Error
// (RFC 7644 §3.12, application/scim+json) under /scim, the JSON API's
// {"error":{"code","message","field"}} everywhere else. Every refusal made before a route's
// own handler runs — by the server (header or body too large, malformed HTTP), the dispatcher
// (unknown route, wrong method, media type, malformed JSON or target, the last-resort 500) and
// the auth wrapper (no or wrong credentials) — answers through ErrorResponseFor.
#pragma once

#include <string_view>

#include "api/http_types.h"
#include "common/status.h"

namespace pairwise::api {

// Whether a request target or path ("/scim/v2/Users?x", "/scim") belongs to SCIM.
bool IsScimTarget(std::string_view target);

// The error answer for a request to `target` (the path, or the raw target with its query).
// Precondition: !status.ok().
HttpResponse ErrorResponseFor(std::string_view target, const Status& status);

}  // namespace pairwise::api
