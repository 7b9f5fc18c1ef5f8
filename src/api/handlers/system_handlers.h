// GET /api/v1/health.
#pragma once

#include "api/router.h"
#include "domain/system/database_probe.h"

namespace pairwise::api {

// 200 {"status":"ok","database":"sqlite"|"postgresql","version":...} after a real database
// round trip; 503 {"error":{"code":"unavailable",...}} when the database does not answer.
HttpResponse HandleHealth(domain::DatabaseProbe& database);

}  // namespace pairwise::api
