// Bulk writes on PostgreSQL: COPY ... FROM STDIN on the session's own connection, inside the
// session's transaction. SOCI's vector binding sends one statement (one round trip) per row on
// PostgreSQL; COPY sends any number of rows at once. SQLite steps a prepared statement per row
// in-process, which is already fast: callers keep SOCI's vector binding there.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pairwise::storage {

// True when the session is connected to PostgreSQL.
bool IsPostgresql(soci::session& session);

// Rows for CopyInto, built value by value in column order (text COPY format: values escaped,
// tab between values, a newline after the last of a row). Not thread-safe.
class CopyRows {
 public:
  explicit CopyRows(std::size_t columns) : columns_(columns) {}

  CopyRows& Text(std::string_view value);
  CopyRows& Int(std::int64_t value);
  CopyRows& Null();
  CopyRows& IntOrNull(std::optional<std::int64_t> value) { return value ? Int(*value) : Null(); }
  // An empty text is written as NULL.
  CopyRows& TextOrNull(std::string_view value) { return value.empty() ? Null() : Text(value); }

  std::size_t rows() const { return rows_; }
  const std::string& data() const { return data_; }

 private:
  void EndValue();

  std::size_t columns_;
  std::size_t in_row_ = 0;  // values of the current row so far
  std::size_t rows_ = 0;
  std::string data_;
};

// Writes `rows` into `table` (`columns`: "a, b, c", as many as the rows have) with COPY FROM
// STDIN. Precondition: IsPostgresql(session) and every row complete. Throws
// soci::postgresql_soci_error (with the SQLSTATE, so Database::Run maps it as any other
// statement's error, e.g. 23505 to a conflict) when PostgreSQL refuses; the transaction is then
// aborted, as after any failed statement.
void CopyInto(soci::session& session, std::string_view table, std::string_view columns,
              const CopyRows& rows);

// CopyInto for writes that COPY cannot say: copies `rows` into a temporary table shaped like
// `table`'s `columns` (same types), then runs "INSERT INTO table (columns) SELECT columns FROM
// it <tail>", e.g. tail "ON CONFLICT (a, b) DO NOTHING", and drops the temporary table.
// Same precondition and errors as CopyInto.
void CopyThenInsert(soci::session& session, std::string_view table, std::string_view columns,
                    const CopyRows& rows, std::string_view tail);

// The most general form: copies `rows` into a new temporary table shaped like `table`'s
// `columns` (same types; dropped at the end of the transaction at the latest) and returns its
// name, "pairwise_load_<table>", for the statements the caller runs over it (an UPDATE ... FROM
// it, a check). The caller drops it (DROP TABLE name) before loading `table` this way again in
// the same transaction. Same precondition and errors as CopyInto; rows may be empty.
std::string CopyIntoTemp(soci::session& session, std::string_view table, std::string_view columns,
                         const CopyRows& rows);

// `count` new ids of `table`'s identity column `id`, in one round trip, for rows that COPY
// writes with their ids (and that other rows COPY'd beside them refer to). Precondition:
// IsPostgresql(session).
std::vector<std::int64_t> ReserveIds(soci::session& session, std::string_view table,
                                     std::size_t count);

}  // namespace pairwise::storage
