// An AuthGate for handler tests: the actor is whoever the test says, or nobody.
#pragma once

#include <optional>
#include <utility>

#include "api/auth.h"

namespace pairwise::api::testing {

class FakeAuthGate final : public AuthGate {
 public:
  void SignIn(domain::Actor actor) { actor_ = std::move(actor); }
  void SignOut() { actor_.reset(); }

  Result<domain::Actor> Authenticate(const HttpRequest& request, const AuthRequirement&) override {
    if (!actor_) return Status::Error(ErrorCode::kUnauthenticated, "sign in first");
    domain::Actor actor = *actor_;
    actor.remote_address = request.remote_address;
    return actor;
  }

 private:
  std::optional<domain::Actor> actor_;
};

}  // namespace pairwise::api::testing
