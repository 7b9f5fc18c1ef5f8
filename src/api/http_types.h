// Transport-neutral HTTP request and response. Handlers, the router and the dispatcher see only
// these; the Beast server (http_server.cpp) converts at the edge, so that only one translation
// unit pays for Beast's headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace pairwise::api {

enum class HttpMethod { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view HttpMethodName(HttpMethod method);
HttpMethod ParseHttpMethod(std::string_view name);
// POST, PUT and PATCH carry a body that the route must accept.
bool MethodHasBody(HttpMethod method);

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string target;                                      // as received: "/api/v1/people?q=ana"
  std::string path;                                        // percent-decoded path: "/api/v1/people"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  // Header names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  // Set by the dispatcher for routes that take JSON bodies.
  std::optional<nlohmann::json> json;

  // First header with this lower-case name, or nullopt.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // First query parameter with this name, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
};

// A response body that stays on disk (a large export): an open file sent in pieces, so a
// process never holds the whole file. Owns the descriptor and closes it with the last holder;
// the file should have no name left (unlinked once open), so closing it frees its space and a
// crash leaves nothing behind. Reads are positional (pread): holders on several threads may
// read at once.
class FileBody {
 public:
  // Takes `fd` (open for reading); the size is the file's now (fstat). Internal when fstat
  // fails (fd is closed then).
  static Result<std::shared_ptr<const FileBody>> Adopt(int fd);
  ~FileBody();
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;

  uint64_t size() const { return size_; }
  // Up to `length` bytes from `offset` into `out`: the count read (0 at the end), -1 on a read
  // error (errno says which).
  long ReadAt(uint64_t offset, char* out, std::size_t length) const;
  // The whole file: for tests and in-process callers (benchmarks), never for serving. Internal
  // on a read error.
  Result<std::string> ReadAll() const;

 private:
  FileBody(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  uint64_t size_;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file instead of `body` (which stays empty); the server sends it
  // from disk in pieces. Null for every answer but the file exports.
  std::shared_ptr<const FileBody> file;

  void SetHeader(std::string name, std::string value);
  std::optional<std::string_view> Header(std::string_view name) const;  // case-insensitive

  static HttpResponse Json(int status, const nlohmann::json& body);
  static HttpResponse NoContent();
};

// Builds {"error":{"code","message","field"?}} with the status that the error table gives
// for status. Precondition: !status.ok(). Outside handlers, answer through ErrorResponseFor
// (api/error_response.h), which picks SCIM's shape under /scim.
HttpResponse ErrorResponse(const Status& status);

// The one ErrorCode -> HTTP status table.
int HttpStatusFor(ErrorCode code);
// A status's HTTP status: the table's, except 431 for a PayloadTooLarge with reason
// kHeaderTooLargeReason (Beast refused the request's header).
int HttpStatusFor(const Status& status);
inline constexpr std::string_view kHeaderTooLargeReason = "request_header_fields_too_large";

}  // namespace pairwise::api
