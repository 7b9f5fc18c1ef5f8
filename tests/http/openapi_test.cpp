// api/openapi.yaml must describe every route the server serves, and nothing it does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "app/application.h"
#include "openapi_paths.h"

namespace pairwise {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApiTest, EveryServedRouteIsDocumentedAndEveryDocumentedRouteServed) {
  const fs::path spec = testing::OpenApiFile();
  ASSERT_TRUE(fs::exists(spec)) << spec;
  auto documented = testing::ReadOpenApiPaths(spec);
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
