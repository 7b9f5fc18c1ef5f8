#include "api/dispatcher.h"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <exception>
#include <string>

#include "api/error_response.h"

namespace pairwise::api {

namespace {

bool IsApiPath(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/" || path == "/scim" ||
         path.substr(0, 6) == "/scim/";
}

bool IsJsonContentType(std::string_view value) {
  const std::string_view media = value.substr(0, value.find(';'));
  std::string lower;
  for (char c : media) {
    if (c != ' ' && c != '\t') lower.push_back(static_cast<char>(std::tolower(c)));
  }
  return lower == "application/json" ||
         (lower.size() > 5 && lower.substr(lower.size() - 5) == "+json" &&
          lower.substr(0, 12) == "application/");
}

}  // namespace

Status ParseTarget(HttpRequest& request) {
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) {
    return Status::InvalidArgument("the request target is not a valid path")
        .WithReason("invalid_target");
  }
  const boost::urls::url_view& url = *parsed;
  request.path = std::string(url.path());
  if (request.path.empty()) request.path = "/";
  for (std::string_view segment : SplitPath(request.path)) {
    if (segment == "." || segment == ".." || segment.find('\0') != std::string_view::npos ||
        segment.find('\\') != std::string_view::npos) {
      return Status::InvalidArgument("the request path may not hold '.', '..', NUL or '\\'")
          .WithReason("invalid_path");
    }
  }
  request.query.clear();
  for (auto param : url.params()) {
    request.query.emplace_back(std::string(param.key), std::string(param.value));
  }
  return Status::Ok();
}

std::string RedactTargetForLog(std::string_view target) {
  constexpr std::string_view kHidden = "***";
  const std::size_t query_at = target.find('?');
  const std::string_view path = target.substr(0, query_at);
  std::string out;
  out.reserve(target.size());
  bool hide_next = false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (start > 0) out.push_back('/');
    if (hide_next && !segment.empty()) {
      out += kHidden;
      hide_next = false;
    } else {
      out += segment;
      // Invitation and reset tokens follow "redeem"; calendar feeds carry their secret after
      // "calendar" (calendar programs send no credentials); survey links theirs after
      // "survey-links" (the API's and the page's); reminders' one-click links after
      // "unsubscribe".
      hide_next = segment == "redeem" || segment == "calendar" || segment == "survey-links" ||
                  segment == "unsubscribe";
    }
    start = end + 1;
  }
  if (query_at == std::string_view::npos) return out;
  out.push_back('?');
  std::string_view query = target.substr(query_at + 1);
  bool first = true;
  while (true) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    const std::size_t eq = param.find('=');
    std::string key(param.substr(0, eq));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!first) out.push_back('&');
    first = false;
    if (eq != std::string_view::npos &&
        (key.find("token") != std::string::npos || key == "secret")) {
      out += param.substr(0, eq + 1);
      out += kHidden;
    } else {
      out += param;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::size_t Dispatcher::BodyLimitFor(HttpMethod method, std::string_view path) const {
  // Query strings do not take part in routing.
  const std::string_view path_only = path.substr(0, path.find('?'));
  Router::Lookup lookup = router_.Find(method, path_only);
  if (lookup.route != nullptr && lookup.route->options.max_body != 0) {
    return lookup.route->options.max_body;
  }
  return default_body_limit_;
}

HttpResponse Dispatcher::Handle(HttpRequest& request) const noexcept {
  try {
    return HandleOrThrow(request);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, HttpMethodName(request.method),
                  request.target, e.what());
  } catch (...) {
    spdlog::error("request {} {} {} failed: unknown exception", request.request_id,
                  HttpMethodName(request.method), request.target);
  }
  try {
    return ErrorResponseFor(
        request.target, Status::Error(ErrorCode::kInternal,
                                      "internal error; quote request id " + request.request_id));
  } catch (...) {
    HttpResponse bare;  // allocation failed: answer with no body rather than not at all
    bare.status = 500;
    return bare;
  }
}

HttpResponse Dispatcher::HandleOrThrow(HttpRequest& request) const {
  if (Status s = ParseTarget(request); !s.ok()) return ErrorResponseFor(request.target, s);

  Router::Lookup lookup = router_.Find(request.method, request.path);
  if (lookup.route == nullptr) {
    if (!lookup.allowed.empty()) {
      std::string allow;
      for (HttpMethod m : lookup.allowed) {
        if (!allow.empty()) allow += ", ";
        allow += HttpMethodName(m);
      }
      HttpResponse response = ErrorResponseFor(
          request.path,
          Status::Error(ErrorCode::kMethodNotAllowed, std::string(HttpMethodName(request.method)) +
                                                          " is not allowed here; use " + allow));
      response.SetHeader("Allow", allow);
      return response;
    }
    const bool reads = request.method == HttpMethod::kGet || request.method == HttpMethod::kHead;
    if (reads && !IsApiPath(request.path) && router_.fallback()) {
      return router_.fallback()(request, PathParams{});
    }
    return ErrorResponseFor(request.path, Status::NotFound("no such route: " + request.path));
  }

  const Route& route = *lookup.route;
  if (route.options.body == BodyKind::kJson && MethodHasBody(request.method)) {
    const auto content_type = request.Header("content-type");
    if (!content_type || !IsJsonContentType(*content_type)) {
      return ErrorResponseFor(request.path,
                              Status::Error(ErrorCode::kUnsupportedMediaType,
                                            "this route takes Content-Type: application/json"));
    }
    nlohmann::json parsed =
        nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      return ErrorResponseFor(request.path,
                              Status::InvalidArgument("the request body is not valid JSON")
                                  .WithReason("malformed_json"));
    }
    request.json = std::move(parsed);
  }
  return route.handler(request, lookup.params);
}

}  // namespace pairwise::api
