// A small HTTPS client for talking to an identity provider: one request per connection over
// Boost.Beast with TLS 1.2 or later, the server's certificate verified against the system's
// CAs (or a CA file) and its host name, SNI sent. Plain http is refused.
//
// Thread safety: a client may be used from any number of threads at once (each call has its
// own connection; the options are read-only).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace pairwise::sso {

struct HttpsClientOptions {
  std::string ca_file;               // PEM file of trusted CAs; empty: the system's
  std::chrono::seconds timeout{10};  // for the whole exchange
  std::size_t max_response_bytes = 1024 * 1024;
  // Also plain http:// URLs (webhook endpoints an admin registered so); identity providers are
  // always https.
  bool allow_http = false;
};

struct HttpsResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  // The first header with this (lower-case) name, or "".
  std::string Header(std::string_view name) const;
};

class HttpsClient {
 public:
  explicit HttpsClient(HttpsClientOptions options = {}) : options_(std::move(options)) {}

  // Sends one request to `url` (https only, unless allow_http) and returns the answer, whatever
  // its status; redirects are not followed. InvalidArgument for a URL that is not https (or
  // http when allowed); Unavailable when
  // the server cannot be reached, its certificate is not trusted or it does not answer in time.
  Result<HttpsResponse> Fetch(std::string_view method, std::string_view url,
                              const std::vector<std::pair<std::string, std::string>>& headers = {},
                              std::string_view body = {}) const;

 private:
  // Fetch over plain TCP (allow_http).
  Result<HttpsResponse> FetchPlain(std::string_view method, const std::string& host,
                                   const std::string& port, bool has_port,
                                   const std::string& target,
                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                   std::string_view body, const std::string& where) const;

  HttpsClientOptions options_;
};

}  // namespace pairwise::sso
