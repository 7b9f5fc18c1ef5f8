// Serves the built browser UI (web/dist) with single-page-app fallback.
//
// - A file under the root is served with its content type. Files under /assets/ are named by
//   content hash, so they are cached for a year ("immutable"); everything else must revalidate.
// - A path with no file falls back to /index.html, so client-side routes load the app, except
//   under /assets/ and for names with an extension, which answer 404.
// - Paths are resolved inside the root only: the dispatcher already refused dot segments, and
//   the resolved file must still lie under the root (symlinks out of it are refused).
//
// Thread safety: immutable after construction; Serve may be called from any thread.
#pragma once

#include <filesystem>
#include <string_view>

#include "api/http_types.h"

namespace pairwise::api {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  HttpResponse Serve(const HttpRequest& request) const;

  // "text/html; charset=utf-8" for ".html" and so on; "application/octet-stream" if unknown.
  static std::string_view ContentTypeFor(std::string_view extension);

 private:
  HttpResponse ServeFile(const std::filesystem::path& file, bool immutable) const;

  std::filesystem::path root_;  // canonical
};

}  // namespace pairwise::api
