#include "api/handlers/system_handlers.h"

#include <spdlog/spdlog.h>

#include "common/version.h"

namespace pairwise::api {

HealthHandler::HealthHandler(domain::SystemHealth& health)
    : health_(health),
      healthy_(HttpResponse::Json(
          200, {{"status", "ok"}, {"database", health.BackendName()}, {"version", kVersion}})) {
  healthy_.SetHeader("Cache-Control", "no-store");
}

HttpResponse HealthHandler::operator()() const {
  if (Status s = health_.Check(); !s.ok()) {
    spdlog::warn("health check: database ping failed: {}", s.ToString());
    HttpResponse response = ErrorResponse(Status::Unavailable(s.log_message()));
    response.SetHeader("Cache-Control", "no-store");
    return response;
  }
  return healthy_;
}

}  // namespace pairwise::api
