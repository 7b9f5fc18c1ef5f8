// SCIM's error answers (RFC 7644 §3.12): {"schemas":[Error URN], "status":"400",
// "scimType":..., "detail":...} in application/scim+json. Chosen for every /scim request by
// ErrorResponseFor (src/api/error_response.h); the SCIM handlers call ScimErrorResponse directly.
#pragma once

#include <string_view>

#include "api/http_types.h"
#include "common/status.h"

namespace pairwise::api::scim {

inline constexpr std::string_view kScimContentType = "application/scim+json";

// A JSON answer in application/scim+json.
HttpResponse ScimJson(int status, const nlohmann::json& body);

// The SCIM error answer for a failed status: HTTP status from the one table, scimType from the
// status's reason (malformed JSON, a malformed target or request is invalidSyntax, ...) or, for
// InvalidArgument and Conflict without one, invalidValue and uniqueness; detail naming the
// SCIM attribute when the status names a field. Precondition: !status.ok().
HttpResponse ScimErrorResponse(const Status& status);

}  // namespace pairwise::api::scim
