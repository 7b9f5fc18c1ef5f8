#include "api/error_response.h"

#include "api/scim/scim_error.h"

namespace pairwise::api {

bool IsScimTarget(std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  return path == "/scim" || path.starts_with("/scim/");
}

HttpResponse ErrorResponseFor(std::string_view target, const Status& status) {
  return IsScimTarget(target) ? scim::ScimErrorResponse(status) : ErrorResponse(status);
}

}  // namespace pairwise::api
