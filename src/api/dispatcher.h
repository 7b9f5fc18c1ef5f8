// The transport-independent half of serving a request: target parsing, routing, body checks,
// the handler call, and the last-resort catch. The Beast server calls it for every request.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "api/http_types.h"
#include "api/router.h"

namespace pairwise::api {

// Fills request.path and request.query from request.target (origin form, "/p?q").
// InvalidArgument (reason "invalid_target") when the target is malformed, and (reason
// "invalid_path") when the decoded path holds "." or ".." segments, a NUL or a backslash.
Status ParseTarget(HttpRequest& request);

// `target` as the access log may show it: one-time tokens replaced by "***". They travel in
// the path after a "redeem" segment (the UI's /redeem/{token} page, GET
// /api/v1/auth/redeem/{token}), a "calendar" segment or an "unsubscribe" segment and in query
// parameters whose name holds "token" or is "secret". Everything else is kept as received.
std::string RedactTargetForLog(std::string_view target);

class Dispatcher {
 public:
  // `router` must outlive the dispatcher and stay unchanged while it serves.
  Dispatcher(const Router& router, std::size_t default_body_limit)
      : router_(router), default_body_limit_(default_body_limit) {}

  // The body limit for a request, known from its header: the route's own limit, else the
  // default. Routes that take no body get the default, so a stray body is still bounded.
  std::size_t BodyLimitFor(HttpMethod method, std::string_view path) const;

  // Answers one request: 404 unknown route, 405 with Allow, 415 wrong content type, 400
  // malformed JSON or target, else the handler's answer (fallback for non-API GETs).
  // Never throws: an exception from a handler is logged with the request id and answered 500.
  // The caller has set request.target, method, headers, body, request_id, remote_address.
  HttpResponse Handle(HttpRequest& request) const noexcept;

 private:
  HttpResponse HandleOrThrow(HttpRequest& request) const;

  const Router& router_;
  std::size_t default_body_limit_;
};

}  // namespace pairwise::api
