#include "api/http_types.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace pairwise::api {

namespace {
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::string_view HttpMethodName(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet:
      return "GET";
    case HttpMethod::kHead:
      return "HEAD";
    case HttpMethod::kPost:
      return "POST";
    case HttpMethod::kPut:
      return "PUT";
    case HttpMethod::kPatch:
      return "PATCH";
    case HttpMethod::kDelete:
      return "DELETE";
    case HttpMethod::kOptions:
      return "OPTIONS";
    case HttpMethod::kOther:
      return "OTHER";
  }
  return "OTHER";
}

HttpMethod ParseHttpMethod(std::string_view name) {
  for (HttpMethod m : {HttpMethod::kGet, HttpMethod::kHead, HttpMethod::kPost, HttpMethod::kPut,
                       HttpMethod::kPatch, HttpMethod::kDelete, HttpMethod::kOptions}) {
    if (HttpMethodName(m) == name) return m;
  }
  return HttpMethod::kOther;
}

bool MethodHasBody(HttpMethod method) {
  return method == HttpMethod::kPost || method == HttpMethod::kPut || method == HttpMethod::kPatch;
}

std::optional<std::string_view> HttpRequest::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> HttpRequest::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& [existing, existing_value] : headers) {
    if (EqualsIgnoreCase(existing, name)) {
      existing_value = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> HttpResponse::Header(std::string_view name) const {
  for (const auto& [existing, value] : headers) {
    if (EqualsIgnoreCase(existing, name)) return value;
  }
  return std::nullopt;
}

Result<std::shared_ptr<const FileBody>> FileBody::Adopt(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return Status::Internal("could not size the response file: " + reason);
  }
  return std::shared_ptr<const FileBody>(new FileBody(fd, static_cast<uint64_t>(st.st_size)));
}

FileBody::~FileBody() { ::close(fd_); }

long FileBody::ReadAt(uint64_t offset, char* out, std::size_t length) const {
  for (;;) {
    const ssize_t n = ::pread(fd_, out, length, static_cast<off_t>(offset));
    if (n >= 0 || errno != EINTR) return static_cast<long>(n);
  }
}

Result<std::string> FileBody::ReadAll() const {
  std::string bytes(size_, '\0');
  uint64_t done = 0;
  while (done < size_) {
    const long n = ReadAt(done, bytes.data() + done, size_ - done);
    if (n < 0)
      return Status::Internal("could not read the response file: " +
                              std::string(std::strerror(errno)));
    if (n == 0) break;
    done += static_cast<uint64_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

HttpResponse HttpResponse::Json(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  // Replace invalid UTF-8 rather than throwing: client text may end up in messages.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse HttpResponse::NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

int HttpStatusFor(const Status& status) {
  if (status.code() == ErrorCode::kPayloadTooLarge && status.reason() == kHeaderTooLargeReason) {
    return 431;
  }
  return HttpStatusFor(status.code());
}

HttpResponse ErrorResponse(const Status& status) {
  nlohmann::json error = {{"code", status.ClientCode()}, {"message", status.client_message()}};
  if (!status.field().empty()) error["field"] = status.field();
  return HttpResponse::Json(HttpStatusFor(status), {{"error", std::move(error)}});
}

}  // namespace pairwise::api
