#include "storage/soci_errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <exception>
#include <string>

namespace pairwise::storage {

namespace {

std::string Describe(std::string_view context, const std::exception& e) {
  return std::string(context) + ": " + e.what();
}

Status FromSqlite(std::string_view context, const soci::sqlite3_soci_error& e) {
  const int primary = e.result() & 0xff;
  const std::string message = Describe(context, e);
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
      return Status::Unavailable(message);
    case SQLITE_CONSTRAINT:
      if (IsUniqueViolation(e) ||
          std::string_view(e.what()).find("FOREIGN KEY") != std::string_view::npos) {
        return Status::Error(ErrorCode::kConflict, "the change conflicts with stored data", {},
                             message);
      }
      return Status::Internal(message);
    default:
      return Status::Internal(message);
  }
}

Status FromPostgres(std::string_view context, const soci::postgresql_soci_error& e) {
  const std::string state = e.sqlstate();
  const std::string message = Describe(context, e) + " [SQLSTATE " + state + "]";
  const std::string_view sqlclass = std::string_view(state).substr(0, 2);
  if (state == "23505" || state == "23503") {
    return Status::Error(ErrorCode::kConflict, "the change conflicts with stored data", {},
                         message);
  }
  if (sqlclass == "08" || sqlclass == "53" || sqlclass == "57" || sqlclass == "28" ||
      state == "40001" || state == "40P01" || state == "55P03" || state == "3D000") {
    return Status::Unavailable(message);
  }
  return Status::Internal(message);
}

}  // namespace

bool IsUniqueViolation(const soci::soci_error& error) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    return pg->sqlstate() == "23505";
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    const std::string_view what = lite->what();
    return (lite->result() & 0xff) == SQLITE_CONSTRAINT &&
           (what.find("UNIQUE constraint failed") != std::string_view::npos ||
            what.find("PRIMARY KEY") != std::string_view::npos);
  }
  return false;
}

Status StatusFromCurrentException(std::string_view context) {
  try {
    throw;
  } catch (const soci::postgresql_soci_error& e) {
    return FromPostgres(context, e);
  } catch (const soci::sqlite3_soci_error& e) {
    return FromSqlite(context, e);
  } catch (const soci::soci_error& e) {
    if (e.get_error_category() == soci::soci_error::connection_error) {
      return Status::Unavailable(Describe(context, e));
    }
    return Status::Internal(Describe(context, e));
  } catch (const std::exception& e) {
    return Status::Internal(Describe(context, e));
  } catch (...) {
    return Status::Internal(std::string(context) + ": unknown exception");
  }
}

}  // namespace pairwise::storage
