// The HTTP/1.1 server: Boost.Beast over asio, with keep-alive, header and body limits,
// read/write timeouts, request ids, one access-log line per request, and graceful shutdown.
// All request semantics live in the Dispatcher; this class only moves bytes.
#pragma once

#include <cstdint>
#include <memory>

#include "api/dispatcher.h"
#include "common/config.h"
#include "common/status.h"

namespace pairwise::api {

class HttpServer {
 public:
  // `dispatcher` must outlive the server. Nothing is opened until Bind().
  HttpServer(const ServerConfig& config, const Dispatcher& dispatcher);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Resolves config.listen and starts listening. Port 0 picks a free port (see port()).
  // InvalidArgument for an unknown host, Unavailable when the address is taken.
  Status Bind();
  // The bound port. Precondition: Bind() succeeded.
  uint16_t port() const;

  // Serves on config.io_threads threads (the caller's among them) until Stop(), then lets
  // in-flight requests finish (up to a 10 s grace) and returns. Precondition: Bind() succeeded.
  void Run();
  // Like Run(), and SIGINT or SIGTERM calls Stop().
  void RunUntilSignalled();
  // Begins a graceful shutdown: stops accepting, closes idle connections, lets requests in
  // flight complete (answering them with Connection: close). Thread-safe; idempotent.
  void Stop();

  struct Impl;  // opaque: keeps Beast out of this header

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pairwise::api
