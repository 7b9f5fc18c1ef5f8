#include "api/routes.h"

#include "api/handlers/account_handlers.h"
#include "api/handlers/application_handlers.h"
#include "api/handlers/auth_handlers.h"
#include "api/handlers/feedback_handlers.h"
#include "api/handlers/goal_handlers.h"
#include "api/handlers/import_handlers.h"
#include "api/handlers/matching_handlers.h"
#include "api/handlers/note_handlers.h"
#include "api/handlers/people_handlers.h"
#include "api/handlers/program_handlers.h"
#include "api/handlers/relationship_handlers.h"
#include "api/handlers/selfmatch_handlers.h"
#include "api/handlers/system_handlers.h"
#include "api/scim/scim_routes.h"

namespace pairwise::api {

void RegisterApiRoutes(Router& router, ApiServices& services) {
  router.Add(HttpMethod::kGet, "/api/v1/health",
             [health = HealthHandler(services.health)](const HttpRequest&, const PathParams&) {
               return health();
             },
             {.body = BodyKind::kNone});
  RegisterAuthRoutes(router, services.auth, services.accounts);
  RegisterAccountRoutes(router, services.auth, services.accounts);
  RegisterMailRoutes(router, services.auth, services.mail);
  RegisterPeopleRoutes(router, services.auth, services.directory);
  RegisterImportRoutes(router, services.auth, services.imports);
  scim::RegisterScimRoutes(router, services.auth, services.provisioning);
  RegisterProgramRoutes(router, services.auth, services.programs);
  RegisterApplicationRoutes(router, services.auth, services.applications);
  RegisterSelfMatchRoutes(router, services.auth, services.self_match);
  RegisterMatchingRoutes(router, services.auth, services.matching);
  RegisterRelationshipRoutes(router, services.auth, services.relationships);
  RegisterGoalRoutes(router, services.auth, services.goals);
  RegisterNoteRoutes(router, services.auth, services.notes);
  RegisterFeedbackRoutes(router, services.auth, services.feedback);
}

}  // namespace pairwise::api
