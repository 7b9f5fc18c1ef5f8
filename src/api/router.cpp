#include "api/router.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace pairwise::api {

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return value;
  }
  return {};
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end;
  }
  return segments;
}

namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Lower is more specific: each literal segment counts before each parameter, left to right.
std::vector<int> Specificity(const Route& route) {
  std::vector<int> key;
  for (const auto& s : route.segments) key.push_back(IsParameter(s) ? 1 : 0);
  return key;
}

[[noreturn]] void Die(std::string_view what, std::string_view pattern) {
  std::fprintf(stderr, "router: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(pattern.size()), pattern.data());
  std::abort();
}

}  // namespace

void Router::Add(HttpMethod method, std::string_view pattern, Handler handler,
                 RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') Die("pattern must start with '/'", pattern);
  Route route{method, std::string(pattern), {}, std::move(handler), options};
  for (std::string_view segment : SplitPath(pattern)) {
    if (segment.find_first_of("{}") != std::string_view::npos && !IsParameter(segment)) {
      Die("malformed parameter segment", pattern);
    }
    route.segments.emplace_back(segment);
  }
  for (const auto& existing : routes_) {
    if (existing.method == method && existing.segments == route.segments) {
      Die("duplicate route", pattern);
    }
  }
  routes_.push_back(std::move(route));
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const Route& a, const Route& b) { return Specificity(a) < Specificity(b); });
}

Router::Lookup Router::Find(HttpMethod method, std::string_view path) const {
  Lookup lookup;
  const std::vector<std::string_view> segments = SplitPath(path);
  const HttpMethod wanted = method == HttpMethod::kHead ? HttpMethod::kGet : method;
  // Every request is routed (twice: for its body limit, then to dispatch): a route's segments
  // are compared before anything is copied, and the scan ends at the first route that answers.
  const auto matches = [&segments](const Route& route) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string& expected = route.segments[i];
      if (IsParameter(expected) ? segments[i].empty() : expected != segments[i]) return false;
    }
    return true;
  };
  for (const Route& route : routes_) {
    if (!matches(route)) continue;
    if (route.method == wanted) {
      lookup.route = &route;
      for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& expected = route.segments[i];
        if (IsParameter(expected)) {
          lookup.params.Add(expected.substr(1, expected.size() - 2), std::string(segments[i]));
        }
      }
      lookup.allowed.clear();
      return lookup;
    }
    if (std::find(lookup.allowed.begin(), lookup.allowed.end(), route.method) ==
        lookup.allowed.end()) {
      lookup.allowed.push_back(route.method);
      if (route.method == HttpMethod::kGet) lookup.allowed.push_back(HttpMethod::kHead);
    }
  }
  return lookup;
}

}  // namespace pairwise::api
