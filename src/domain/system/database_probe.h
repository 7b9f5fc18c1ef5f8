// What the health check needs to know of the database, without knowing the database.
#pragma once

#include <string_view>

#include "common/status.h"

namespace pairwise::domain {

// Implemented by storage. Thread-safe: Ping may be called from any I/O thread at once.
class DatabaseProbe {
 public:
  virtual ~DatabaseProbe() = default;
  // One real round trip to the database ("SELECT 1"). Unavailable when it fails.
  virtual Status Ping() = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view BackendName() const = 0;
};

}  // namespace pairwise::domain
