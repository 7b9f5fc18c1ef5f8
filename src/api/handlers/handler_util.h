// Small pieces the JSON handlers share: private answers, typed path ids, wrong-type errors.
#pragma once

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http_types.h"
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

// InvalidArgument "<field> must be <expected>" naming `field`.
inline Status WrongType(const std::string& field, std::string_view expected) {
  return Status::InvalidArgument(field + " must be " + std::string(expected), field);
}

// The positive integer id in path parameter `name`; NotFound ("no <what> <text>") otherwise, as
// for an id that does not exist.
inline Result<int64_t> IdParam(const PathParams& params, std::string_view name,
                               std::string_view what) {
  const std::string_view text = params.Get(name);
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::NotFound("no " + std::string(what) + " " + std::string(text));
  }
  return id;
}

}  // namespace pairwise::api
