#include "api/routes.h"

#include "api/handlers/account_handlers.h"
#include "api/handlers/auth_handlers.h"
#include "api/handlers/system_handlers.h"
#include "api/scim/scim_routes.h"

namespace pairwise::api {

void RegisterApiRoutes(Router& router, ApiServices& services) {
  router.Add(HttpMethod::kGet, "/api/v1/health",
             [&services](const HttpRequest&, const PathParams&) {
               return HandleHealth(services.database);
             },
             {.body = BodyKind::kNone});
  RegisterAuthRoutes(router, services.auth, services.accounts);
  RegisterAccountRoutes(router, services.auth, services.accounts);
  scim::RegisterScimRoutes(router, services.auth, services.provisioning);
}

}  // namespace pairwise::api
