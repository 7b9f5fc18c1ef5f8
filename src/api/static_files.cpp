#include "api/static_files.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace pairwise::api {

namespace fs = std::filesystem;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A qvalue (RFC 9110 §12.4.2: "0" to "1" with up to three decimals) in thousandths, or nullopt.
std::optional<int> ParseQValue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int whole = text[0] - '0';
  int thousandths = 0;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() > 5) return std::nullopt;
    int scale = 100;
    for (char c : text.substr(2)) {
      if (c < '0' || c > '9') return std::nullopt;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  const int q = whole * 1000 + thousandths;
  return q > 1000 ? std::nullopt : std::optional<int>(q);
}

struct Coding {
  std::string_view name;
  int q = 1000;
};

// The elements of an Accept-Encoding value; malformed ones are left out.
std::vector<Coding> ParseAcceptEncoding(std::string_view value) {
  std::vector<Coding> codings;
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    std::string_view element = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    const std::size_t semicolon = element.find(';');
    Coding coding{Trim(element.substr(0, semicolon))};
    if (coding.name.empty()) continue;
    bool valid = true;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : element.substr(semicolon + 1);
    while (!params.empty()) {
      const std::size_t next = params.find(';');
      const std::string_view param = Trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      const std::size_t eq = param.find('=');
      if (eq == std::string_view::npos || !EqualsIgnoringCase(Trim(param.substr(0, eq)), "q")) {
        continue;  // an extension parameter: no meaning here
      }
      auto q = ParseQValue(Trim(param.substr(eq + 1)));
      if (!q)
        valid = false;
      else
        coding.q = *q;
    }
    if (valid) codings.push_back(coding);
  }
  return codings;
}

// File name suffix of a precompressed variant.
std::string_view SuffixFor(std::string_view encoding) {
  if (encoding == "br") return ".br";
  if (encoding == "gzip") return ".gz";
  return "";
}

constexpr std::array<std::string_view, 2> kPrecompressed{"br", "gzip"};

// Strong validator of one file's bytes as stored: size and modification time, plus the coding
// so that variants never share one.
std::string ETagFor(const fs::path& file, std::string_view encoding) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return "";
  const auto modified = fs::last_write_time(file, ec);
  if (ec) return "";
  char buffer[64];
  char* end = buffer;
  end = std::to_chars(end, buffer + sizeof buffer, static_cast<std::uint64_t>(size), 16).ptr;
  *end++ = '-';
  end = std::to_chars(end, buffer + sizeof buffer,
                      static_cast<std::uint64_t>(modified.time_since_epoch().count()), 16)
            .ptr;
  std::string etag = "\"" + std::string(buffer, end);
  if (encoding != "identity") etag += "-" + std::string(encoding);
  return etag + "\"";
}

// If-None-Match (RFC 9110 §13.1.2) compares weakly: W/ prefixes do not matter.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace

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

std::string_view StaticFiles::ChooseEncoding(std::optional<std::string_view> accept_encoding,
                                             std::span<const std::string_view> available) {
  if (!accept_encoding) return "identity";
  const std::vector<Coding> codings = ParseAcceptEncoding(*accept_encoding);
  std::optional<int> star;
  for (const Coding& c : codings) {
    if (c.name == "*") star = c.q;
  }
  // A coding's q-value in thousandths, or nullopt when the header does not speak of it.
  auto q_for = [&](std::string_view name) -> std::optional<int> {
    for (const Coding& c : codings) {
      // x-gzip is gzip (RFC 9110 §8.4.1.3).
      if (EqualsIgnoringCase(c.name, name) ||
          (name == "gzip" && EqualsIgnoringCase(c.name, "x-gzip"))) {
        return c.q;
      }
    }
    return star;
  };
  std::string_view best = "identity";
  int best_q = 0;
  for (std::string_view name : available) {
    if (const int q = q_for(name).value_or(0); q > best_q) {
      best = name;
      best_q = q;
    }
  }
  // Identity not spoken of is acceptable but wanted least (RFC 9110 §12.5.3); spoken of, it
  // competes by its q-value, and wins ties only against nothing.
  const std::optional<int> identity_q = q_for("identity");
  if (best_q == 0 || (identity_q && *identity_q > best_q)) return "identity";
  return best;
}

HttpResponse StaticFiles::ServeFile(const HttpRequest& request, const fs::path& file,
                                    bool immutable) const {
  // Which precompressed variants lie beside the file. The file is under the root; a variant
  // must be a plain file beside it, not a link that could lead out.
  std::vector<std::string_view> available;
  std::error_code ec;
  for (std::string_view encoding : kPrecompressed) {
    fs::path variant = file;
    variant += SuffixFor(encoding);
    if (fs::symlink_status(variant, ec).type() == fs::file_type::regular) {
      available.push_back(encoding);
    }
  }
  const std::string_view encoding = ChooseEncoding(request.Header("accept-encoding"), available);
  fs::path served = file;
  served += SuffixFor(encoding);

  HttpResponse response;
  response.SetHeader("Content-Type", std::string(ContentTypeFor(file.extension().string())));
  response.SetHeader("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  if (!available.empty()) response.SetHeader("Vary", "Accept-Encoding");
  if (encoding != "identity") response.SetHeader("Content-Encoding", std::string(encoding));
  const std::string etag = ETagFor(served, encoding);
  if (!etag.empty()) {
    response.SetHeader("ETag", etag);
    if (auto none_match = request.Header("if-none-match");
        none_match && NoneMatchHits(*none_match, etag)) {
      response.status = 304;
      return response;
    }
  }
  std::ifstream in(served, std::ios::binary);
  if (!in) return ErrorResponse(Status::NotFound("no such file"));
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
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
      if (inside && fs::is_regular_file(candidate, ec))
        return ServeFile(request, candidate, in_assets);
      if (!inside) return ErrorResponse(Status::NotFound("no such file"));
    }
  }
  if (in_assets || fs::path(path).has_extension()) {
    return ErrorResponse(Status::NotFound("no such file: " + std::string(path)));
  }
  return ServeFile(request, root_ / "index.html", false);
}

}  // namespace pairwise::api
