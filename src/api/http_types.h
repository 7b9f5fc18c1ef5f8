// Transport-neutral HTTP request and response. Handlers, the router and the dispatcher see only
// these; the Beast server (http_server.cpp) converts at the edge, so that only one translation
// unit pays for Beast's headers.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace pairwise::api {

enum class HttpMethod { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view HttpMethodName(HttpMethod method);
HttpMethod ParseHttpMethod(std::string_view name);
// POST, PUT and PATCH carry a body that the route must accept.
bool MethodHasBody(HttpMethod method);

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string target;                                      // as received: "/api/v1/people?q=ana"
  std::string path;                                        // percent-decoded path: "/api/v1/people"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  // Header names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  // Set by the dispatcher for routes that take JSON bodies.
  std::optional<nlohmann::json> json;

  // First header with this lower-case name, or nullopt.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // First query parameter with this name, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  std::optional<std::string_view> Header(std::string_view name) const;  // case-insensitive

  static HttpResponse Json(int status, const nlohmann::json& body);
  static HttpResponse NoContent();
};

// Builds {"error":{"code","message","field"?}} with the status that the error table gives
// for status.code(). Precondition: !status.ok().
HttpResponse ErrorResponse(const Status& status);

// The one ErrorCode -> HTTP status table.
int HttpStatusFor(ErrorCode code);

// `target` as the access log may show it: secrets that sit in a path are replaced by
// "[redacted]" (the calendar feed's token: "/api/v1/calendar/<token>.ics"); the rest as is.
std::string LoggedTarget(std::string_view target);

}  // namespace pairwise::api
