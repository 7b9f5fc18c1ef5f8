// Admin routes over accounts: /api/v1/accounts*, /api/v1/api-tokens*, /api/v1/audit. Thin:
// JSON <-> AccountService, which checks the admin role.
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/accounts/account_service.h"

namespace pairwise::api {

// Registers the routes; `gate` and `accounts` must outlive the router.
void RegisterAccountRoutes(Router& router, AuthGate& gate, domain::AccountService& accounts);

}  // namespace pairwise::api
