// The directory and profile routes: people search, a person's page, the signed-in person's own
// profile, and the reference data (skills, departments, sites). Every route needs a session
// (through `auth`); access is decided by DirectoryService.
//
//   GET /api/v1/people?q=&department=&site=&skill=&status=&cursor=&limit=
//   GET /api/v1/people/{employee_id}
//   GET /api/v1/me/profile, PUT /api/v1/me/profile
//   GET /api/v1/skills, GET /api/v1/departments, GET /api/v1/sites
#pragma once

#include <nlohmann/json.hpp>

#include "api/auth.h"
#include "api/router.h"
#include "common/status.h"
#include "domain/profiles/directory_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `directory` must outlive the router.
void RegisterPeopleRoutes(Router& router, AuthGate& auth, domain::DirectoryService& directory);

// The profile fields of a PUT /api/v1/me/profile body. InvalidArgument naming the field for a
// missing field, a value of the wrong JSON type or an unknown field (employee_id and updated_at,
// which GET returns, are accepted and ignored). The rules on values are the domain's.
Result<domain::ProfileFields> ParseProfileFields(const nlohmann::json& body);

// The search of GET /api/v1/people from its query (also the people export's filters).
// InvalidArgument "limit" for a limit that is not a whole number; the rest is the service's.
Result<domain::PeopleSearchRequest> ParsePeopleSearch(const HttpRequest& request);

nlohmann::json ProfileJson(const domain::Profile& profile);
nlohmann::json PersonSummaryJson(const domain::PersonSummary& summary);

}  // namespace pairwise::api
