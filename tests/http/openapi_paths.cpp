#include "openapi_paths.h"

#include <fstream>

#include "source_dir.h"

namespace pairwise::testing {

std::map<std::string, std::set<std::string>> ReadOpenApiPaths(const std::filesystem::path& file) {
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

std::filesystem::path OpenApiFile() { return SourceDir() / "api" / "openapi.yaml"; }

}  // namespace pairwise::testing
