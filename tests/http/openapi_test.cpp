// api/openapi.yaml must describe every route the server serves, and nothing it does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "app/application.h"

namespace pairwise {
namespace {

namespace fs = std::filesystem;

// Reads the `paths:` section of an OpenAPI YAML file, in the two-space layout we keep:
// "  /api/v1/x/{id}:" then "    get:" lines. Returns path -> lower-case methods.
std::map<std::string, std::set<std::string>> ReadOpenApiPaths(const fs::path& file) {
  std::ifstream in(file);
  std::map<std::string, std::set<std::string>> out;
  std::string line;
  bool in_paths = false;
  std::string current;
  static const std::set<std::string> kMethods = {"get",   "put",  "post",   "delete",
                                                 "patch", "head", "options"};
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ' && line[0] != '#') break;  // next top-level key
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      current = line.substr(2, line.size() - 3);
      out[current];
    } else if (line.rfind("    ", 0) == 0 && line.size() > 4 && line[4] != ' ') {
      std::string key = line.substr(4, line.find(':') - 4);
      if (kMethods.count(key) && !current.empty()) out[current].insert(key);
    }
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApiTest, EveryServedRouteIsDocumentedAndEveryDocumentedRouteServed) {
  const fs::path spec = fs::path(PAIRWISE_SOURCE_DIR) / "api" / "openapi.yaml";
  ASSERT_TRUE(fs::exists(spec)) << spec;
  auto documented = ReadOpenApiPaths(spec);
  ASSERT_FALSE(documented.empty());

  const fs::path db =
      fs::temp_directory_path() / ("pairwise-openapi-" + std::to_string(::getpid()));
  auto app = app::Application::Open("sqlite:" + db.string(), 1);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  api::Router router;
  (*app)->RegisterRoutes(router, "");

  std::set<std::pair<std::string, std::string>> served;
  for (const api::Route& route : router.routes()) {
    const std::string method = Lower(api::HttpMethodName(route.method));
    served.emplace(route.pattern, method);
    EXPECT_TRUE(documented.count(route.pattern) && documented[route.pattern].count(method))
        << api::HttpMethodName(route.method) << " " << route.pattern
        << " is served but missing from api/openapi.yaml";
  }
  for (const auto& [path, methods] : documented) {
    for (const auto& method : methods) {
      EXPECT_TRUE(served.count({path, method}))
          << method << " " << path << " is in api/openapi.yaml but not served";
    }
  }
  app->reset();
  fs::remove(db);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

}  // namespace
}  // namespace pairwise
