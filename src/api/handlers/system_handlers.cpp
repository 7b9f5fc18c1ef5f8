#include "api/handlers/system_handlers.h"

#include <spdlog/spdlog.h>

#include "common/version.h"

namespace pairwise::api {

HttpResponse HandleHealth(domain::DatabaseProbe& database) {
  if (Status s = database.Ping(); !s.ok()) {
    spdlog::warn("health check: database ping failed: {}", s.ToString());
    HttpResponse response = ErrorResponse(Status::Unavailable(s.log_message()));
    response.SetHeader("Cache-Control", "no-store");
    return response;
  }
  HttpResponse response = HttpResponse::Json(
      200, {{"status", "ok"}, {"database", database.BackendName()}, {"version", kVersion}});
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace pairwise::api
