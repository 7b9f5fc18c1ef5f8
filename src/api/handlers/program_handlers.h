// The program routes. Every route needs a session (through `auth`); access is decided by
// ProgramService.
//
//   GET  /api/v1/programs?view=running|joinable|all     POST /api/v1/programs
//   GET  /api/v1/programs/{program_id}                  PUT  /api/v1/programs/{program_id}
//   POST /api/v1/programs/{program_id}/open | /close | /archive
//   POST /api/v1/programs/eligibility-preview           GET
//   /api/v1/programs/{program_id}/eligibility GET  /api/v1/programs/{program_id}/capacity/me PUT
//   /api/v1/programs/{program_id}/capacity/me
#pragma once

#include <nlohmann/json.hpp>

#include "api/auth.h"
#include "api/router.h"
#include "common/status.h"
#include "domain/programs/program_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `programs` must outlive the router.
void RegisterProgramRoutes(Router& router, AuthGate& auth, domain::ProgramService& programs);

// The fields of a program from a POST or PUT body. InvalidArgument naming the field for a
// missing required field (name, type, need, the four dates), a value of the wrong JSON type or
// an unknown field; what GET adds (id, status, times, me) is accepted and ignored.
Result<domain::ProgramFields> ParseProgramFields(const nlohmann::json& body);
// Eligibility rules from JSON at `field` ("eligibility.mentor").
nlohmann::json ProgramViewJson(const domain::ProgramView& view);
nlohmann::json ProgramSummaryJson(const domain::Program& program);

}  // namespace pairwise::api
