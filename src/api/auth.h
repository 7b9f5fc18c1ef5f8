// How routes get their Actor. A route that needs one registers an ActorHandler wrapped by
// Authenticated(); the AuthGate resolves the request's credentials (the session cookie, with
// its CSRF check on state-changing methods, or a bearer API token) before the handler runs.
// Handlers pass the Actor on to domain services, which decide access; handlers never do.
#pragma once

#include <functional>
#include <string_view>

#include "api/router.h"
#include "common/status.h"
#include "domain/access/actor.h"

namespace pairwise::api {

using ActorHandler =
    std::function<HttpResponse(const HttpRequest&, const PathParams&, const domain::Actor&)>;

enum class Credentials {
  kSession,         // the signed-in user's session cookie only (the UI)
  kApiToken,        // a bearer API token only (integrations: SCIM)
  kSessionOrToken,  // either (exports)
};

struct AuthRequirement {
  Credentials credentials = Credentials::kSession;
  // For tokens: the scope the token must hold (domain::kScopeScim, ...). Empty: any token.
  std::string_view scope;
};

// Implemented over the accounts service (src/api/handlers/session_auth_gate.cpp) and by
// FakeAuthGate in tests. Thread-safe.
class AuthGate {
 public:
  virtual ~AuthGate() = default;
  // The actor behind `request`. Unauthenticated (401) without valid credentials of the kind
  // required; Forbidden with reason "csrf" when a session-authenticated state-changing request
  // lacks the session's CSRF token; Forbidden with reason "insufficient_scope" for a token
  // without the scope. May refresh the session's idle expiry.
  virtual Result<domain::Actor> Authenticate(const HttpRequest& request,
                                             const AuthRequirement& requirement) = 0;
};

// A Handler that authenticates through `gate` and answers the error (ErrorResponseFor: SCIM's
// shape under /scim, else JSON) with WWW-Authenticate: Bearer on a 401 where tokens count, or calls
// `handler` with the actor. `gate` must outlive the handler.
Handler Authenticated(AuthGate& gate, ActorHandler handler, AuthRequirement requirement = {});

}  // namespace pairwise::api
