// Small pieces the JSON handlers share: private answers and results as JSON. Reading what the
// client sent (bodies, path ids, query integers) is json_reader.h's job: every handler uses it.
#pragma once

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "api/json_reader.h"
#include "api/router.h"
#include "common/status.h"

namespace pairwise::api {

// Answers about people and their participation are personal: never kept by shared caches or
// the browser's disk.
inline HttpResponse Private(HttpResponse response) {
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

// `result` as JSON with `status`, or its error.
template <typename T>
HttpResponse Answer(const Result<T>& result, nlohmann::json (*to_json)(const T&),
                    int status = 200) {
  if (!result.ok()) return ErrorResponse(result.status());
  return Private(HttpResponse::Json(status, to_json(*result)));
}

}  // namespace pairwise::api
