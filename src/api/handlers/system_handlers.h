// GET /api/v1/health.
#pragma once

#include "api/router.h"
#include "domain/system/system_health.h"

namespace pairwise::api {

// 200 {"status":"ok","database":"sqlite"|"postgresql","version":...} when the database answered a
// round trip within SystemHealth's max age (1 s); 503 {"error":{"code":"unavailable",...}} when
// it does not answer. Thread-safe; `health` must outlive the handler.
class HealthHandler {
 public:
  explicit HealthHandler(domain::SystemHealth& health);
  HttpResponse operator()() const;

 private:
  domain::SystemHealth& health_;
  HttpResponse healthy_;  // the same answer every time: built once, copied per request
};

}  // namespace pairwise::api
