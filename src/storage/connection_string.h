// Turning a DatabaseUrl's target into what SOCI's backends accept.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace pairwise::storage {

// "postgresql://user:pass@host:port/db?sslmode=require" (also "postgres://", several
// "host:port" separated by commas, "[::1]" hosts, percent-encoding) to libpq's keyword form,
// "host=... port=... user=... password=... dbname=... sslmode=require connect_timeout=10
// application_name=pairwise" (the last two unless the URL sets them). SOCI's PostgreSQL backend
// splits its connect string on spaces itself, so it cannot take a URL as libpq would.
// InvalidArgument, with field "database", for a malformed URL or a part that holds whitespace
// (which SOCI cannot pass on); the message never contains the password.
Result<std::string> PostgresConnectString(std::string_view url);

// The path as SOCI's SQLite backend takes it. InvalidArgument for an empty path or one holding
// '=' or '"' (SOCI would read it as options).
Result<std::string> SqliteConnectString(std::string_view path);

}  // namespace pairwise::storage
