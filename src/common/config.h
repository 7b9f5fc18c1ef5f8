// Parsing of the few settings Pairwise takes from flags and the environment.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace pairwise {

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80", ":8080" (all interfaces). InvalidArgument
// naming `field` when the host is empty-bracketed or the port is not 0..65535.
Result<ListenAddress> ParseListenAddress(std::string_view text, std::string field = "listen");

enum class DatabaseKind { kSqlite, kPostgresql };

struct DatabaseUrl {
  DatabaseKind kind = DatabaseKind::kSqlite;
  // sqlite: the file path; postgresql: the whole URL, which libpq takes as it is.
  std::string target;
  // The URL with any password replaced by "***", for logs.
  std::string redacted;
};

// "sqlite:PATH" (also "sqlite://PATH"), or "postgresql://user:pass@host:port/db" (also
// "postgres://"). InvalidArgument on anything else or on an empty path.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view text);

inline constexpr std::string_view kDefaultDatabaseUrl = "sqlite:./pairwise.db";

// What `pairwise serve` runs with. Defaults are the documented ones.
struct ServerConfig {
  ListenAddress listen{"127.0.0.1", 8080};
  int io_threads = 0;  // 0: one per core
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::size_t import_body_limit = 64 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  // A keep-alive connection may wait this long for its next request's first byte...
  std::chrono::seconds idle_timeout{120};
  // ...and a request's header must be complete this long after its first byte (for a new
  // connection: after it was accepted). Slow senders (slowloris) are closed after it.
  std::chrono::seconds header_timeout{10};
  // Connections of one client address that are idle or still sending a request's header;
  // more are closed at once (0: no limit). Behind a reverse proxy every client shares the
  // proxy's address: raise it there.
  int max_idle_per_address = 512;
  std::string web_root;  // folder of the built UI; empty: no static files
};

}  // namespace pairwise
