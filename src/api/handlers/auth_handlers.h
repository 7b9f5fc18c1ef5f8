// /api/v1/auth/*: sign-in, sign-out, the current session, password change, password reset and
// redeeming invitation/reset links. Thin: JSON <-> AccountService.
#pragma once

#include <nlohmann/json.hpp>

#include "api/auth.h"
#include "api/router.h"
#include "domain/accounts/account_service.h"

namespace pairwise::api {

// {id, employee_id, email, name, roles, is_manager} (+ status when `with_status`).
nlohmann::json AccountJson(const domain::AccountView& view, bool with_status);

// Registers the routes; `gate` and `accounts` must outlive the router.
void RegisterAuthRoutes(Router& router, AuthGate& gate, domain::AccountService& accounts);

}  // namespace pairwise::api
