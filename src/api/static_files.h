// Serves the built browser UI (web/dist) with single-page-app fallback.
//
// - A file under the root is served with its content type. Files under /assets/ are named by
//   content hash, so they are cached for a year ("immutable"); everything else must revalidate.
// - A path with no file falls back to /index.html, so client-side routes load the app, except
//   under /assets/ and for names with an extension, which answer 404.
// - Paths are resolved inside the root only: the dispatcher already refused dot segments, and
//   the resolved file must still lie under the root (symlinks out of it are refused).
// - Precompressed variants written beside a file at build time (FILE.br, FILE.gz; see
//   web/vite.config.ts) are served instead of it when the request's Accept-Encoding accepts
//   them (ChooseEncoding). Such answers carry Content-Encoding and "Vary: Accept-Encoding", and
//   each variant has its own ETag; If-None-Match with the served variant's ETag answers 304.
//
// Thread safety: immutable after construction; Serve may be called from any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "api/http_types.h"

namespace pairwise::api {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  HttpResponse Serve(const HttpRequest& request) const;

  // "text/html; charset=utf-8" for ".html" and so on; "application/octet-stream" if unknown.
  static std::string_view ContentTypeFor(std::string_view extension);

  // The content coding to answer with, out of `available` (in the server's order of
  // preference, e.g. {"br", "gzip"}) and "identity", for an Accept-Encoding header value
  // (RFC 9110 §12.5.3): the highest q-value wins, "*" stands for codings not named, q=0 refuses,
  // ties go to the earlier in `available`; identity not named is wanted least. No header means
  // identity. When nothing acceptable is available the answer is "identity" too (the file as it
  // is beats a 406).
  static std::string_view ChooseEncoding(std::optional<std::string_view> accept_encoding,
                                         std::span<const std::string_view> available);

 private:
  HttpResponse ServeFile(const HttpRequest& request, const std::filesystem::path& file,
                         bool immutable) const;

  std::filesystem::path root_;  // canonical
};

}  // namespace pairwise::api
