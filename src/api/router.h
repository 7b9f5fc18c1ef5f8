// Routes requests by method and path pattern to handlers.
//
// Patterns are absolute paths whose segments are literals or "{name}" parameters:
// "/api/v1/people/{employee_id}". A parameter matches one whole non-empty segment. Literal
// routes win over parameter routes at the same depth (routes are tried in order of
// specificity, then of registration).
//
// Thread safety: build the router on one thread, then Find() may be called from any number of
// threads at once (the router is immutable while serving).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http_types.h"

namespace pairwise::api {

class PathParams {
 public:
  void Add(std::string name, std::string value) {
    items_.emplace_back(std::move(name), std::move(value));
  }
  // The decoded value of parameter `name`, or an empty view if the route has none.
  std::string_view Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// A handler answers one request. It may throw only for bugs: the dispatcher turns any
// exception into a 500 with the request id. Expected failures return ErrorResponse(status).
using Handler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

enum class BodyKind {
  kNone,  // the route takes no body (GET, DELETE, or POST actions without input)
  kJson,  // application/json, parsed by the dispatcher into HttpRequest::json
  kRaw,   // any content type; the handler reads HttpRequest::body itself (uploads)
};

struct RouteOptions {
  BodyKind body = BodyKind::kJson;
  std::size_t max_body = 0;  // bytes; 0: the server's default body limit
};

struct Route {
  HttpMethod method;
  std::string pattern;
  std::vector<std::string> segments;  // split pattern
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  // Adds a route. A GET route also answers HEAD. Aborts (a programming error) on a malformed
  // pattern or a duplicate method+pattern.
  void Add(HttpMethod method, std::string_view pattern, Handler handler, RouteOptions options = {});
  // Answers GET/HEAD requests for paths no route knows, outside /api/ (static files, SPA).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  struct Lookup {
    const Route* route = nullptr;  // null: no route for this method and path
    PathParams params;
    std::vector<HttpMethod> allowed;  // when route is null but the path is known: its methods
  };
  Lookup Find(HttpMethod method, std::string_view path) const;

  const Handler& fallback() const { return fallback_; }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;  // kept sorted by specificity
  Handler fallback_;
};

// Splits "/a/b/c" into {"a","b","c"}; "/" into {}. A trailing slash adds no empty segment.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace pairwise::api
