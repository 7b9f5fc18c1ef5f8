// Single sign-on routes: what the sign-in page shows, the two legs of the OpenID Connect
// redirect (start, callback) and the admin's provider settings.
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/accounts/account_service.h"
#include "domain/sso/sso_service.h"

namespace pairwise::api {

// The cookie binding a sign-in in flight to the browser that began it.
inline constexpr std::string_view kSsoCookie = "pw_sso";

void RegisterSsoRoutes(Router& router, AuthGate& gate, domain::SsoService& sso,
                       domain::AccountService& accounts);

}  // namespace pairwise::api
