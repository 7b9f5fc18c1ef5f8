#include "api/static_files.h"

#include <array>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace pairwise::api {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

std::string_view StaticFiles::ContentTypeFor(std::string_view extension) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (ext == extension) return type;
  }
  return "application/octet-stream";
}

HttpResponse StaticFiles::ServeFile(const fs::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ErrorResponse(Status::NotFound("no such file"));
  HttpResponse response;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  response.SetHeader("Content-Type", std::string(ContentTypeFor(file.extension().string())));
  response.SetHeader("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  return response;
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  const std::string_view path = request.path;
  const bool in_assets = path.substr(0, 8) == "/assets/";
  fs::path relative = fs::path(path).relative_path();
  std::error_code ec;
  if (!relative.empty()) {
    fs::path candidate = fs::weakly_canonical(root_ / relative, ec);
    if (!ec) {
      // The canonical path must stay under the root, whatever links lie on the way.
      auto [root_end, unused] =
          std::mismatch(root_.begin(), root_.end(), candidate.begin(), candidate.end());
      const bool inside = root_end == root_.end();
      if (inside && fs::is_regular_file(candidate, ec)) return ServeFile(candidate, in_assets);
      if (!inside) return ErrorResponse(Status::NotFound("no such file"));
    }
  }
  if (in_assets || fs::path(path).has_extension()) {
    return ErrorResponse(Status::NotFound("no such file: " + std::string(path)));
  }
  return ServeFile(root_ / "index.html", false);
}

}  // namespace pairwise::api
