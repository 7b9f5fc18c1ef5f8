#include "api/auth.h"

#include <utility>

#include "api/error_response.h"

namespace pairwise::api {

Handler Authenticated(AuthGate& gate, ActorHandler handler, AuthRequirement requirement) {
  return [&gate, handler = std::move(handler), requirement](const HttpRequest& request,
                                                            const PathParams& params) {
    Result<domain::Actor> actor = gate.Authenticate(request, requirement);
    if (!actor.ok()) {
      HttpResponse response = ErrorResponseFor(request.path, actor.status());
      if (actor.status().code() == ErrorCode::kUnauthenticated &&
          requirement.credentials != Credentials::kSession) {
        response.SetHeader("WWW-Authenticate", "Bearer");
      }
      return response;
    }
    return handler(request, params, *actor);
  };
}

}  // namespace pairwise::api
