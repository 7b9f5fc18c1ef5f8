// Where SOCI's exceptions become Status values: nothing thrown by SOCI leaves storage.
#pragma once

#include <string_view>

#include "common/status.h"

namespace soci {
class soci_error;
}  // namespace soci

namespace pairwise::storage {

// Call only inside a catch block: converts the exception being handled. Connection failures,
// lock timeouts, serialization failures and resource exhaustion are Unavailable (retry later);
// unique and foreign-key violations Conflict; anything else Internal. `context` says what was
// being done, for the log message.
Status StatusFromCurrentException(std::string_view context);

// True for a violation of a UNIQUE constraint or index (SQLite or PostgreSQL).
bool IsUniqueViolation(const soci::soci_error& error);

// Runs `body` (returning Status or Result<T>), converting any exception it throws.
template <typename Body>
auto Guarded(std::string_view context, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    return StatusFromCurrentException(context);
  }
}

}  // namespace pairwise::storage
