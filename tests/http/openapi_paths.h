// Reads the routes api/openapi.yaml documents, for tests that compare them with what the
// server serves (openapi_test.cpp) or need an entry per route (bad_input_test.cpp).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace pairwise::testing {

// The `paths:` section of an OpenAPI YAML file, in the two-space layout we keep:
// "  /api/v1/x/{id}:" then "    get:" lines. Returns path -> lower-case methods.
std::map<std::string, std::set<std::string>> ReadOpenApiPaths(const std::filesystem::path& file);

// api/openapi.yaml of this source tree.
std::filesystem::path OpenApiFile();

}  // namespace pairwise::testing
