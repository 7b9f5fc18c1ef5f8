#include "api/routes.h"

#include "api/handlers/system_handlers.h"

namespace pairwise::api {

void RegisterApiRoutes(Router& router, ApiServices& services) {
  router.Add(HttpMethod::kGet, "/api/v1/health",
             [&services](const HttpRequest&, const PathParams&) {
               return HandleHealth(services.database);
             },
             {.body = BodyKind::kNone});
  RegisterMailRoutes(router, services.auth, services.mail);
}

}  // namespace pairwise::api
