#include "storage/bulk_copy.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/fetch_all.h"

namespace pairwise::storage {

namespace {

// Sent to the server in pieces of this size: libpq buffers what it is given.
constexpr std::size_t kChunkBytes = 1 << 20;

[[noreturn]] void Throw(PGconn* connection, PGresult* result, const std::string& what) {
  std::string message = what + ": ";
  std::string state = "XX000";
  if (result != nullptr) {
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
    if (const char* m = PQresultErrorMessage(result); m && *m) {
      message += m;
    } else {
      message += PQerrorMessage(connection);
    }
    PQclear(result);
  } else {
    message += PQerrorMessage(connection);
    state = "08000";  // no result at all: the connection is in trouble
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  throw soci::postgresql_soci_error(message, state.c_str());
}

}  // namespace

bool IsPostgresql(soci::session& session) { return session.get_backend_name() == "postgresql"; }

void CopyRows::EndValue() {
  if (++in_row_ == columns_) {
    data_.push_back('\n');
    in_row_ = 0;
    ++rows_;
  } else {
    data_.push_back('\t');
  }
}

CopyRows& CopyRows::Text(std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        data_ += "\\\\";
        break;
      case '\n':
        data_ += "\\n";
        break;
      case '\r':
        data_ += "\\r";
        break;
      case '\t':
        data_ += "\\t";
        break;
      default:
        data_.push_back(c);
    }
  }
  EndValue();
  return *this;
}

CopyRows& CopyRows::Int(std::int64_t value) {
  data_ += std::to_string(value);
  EndValue();
  return *this;
}

CopyRows& CopyRows::Null() {
  data_ += "\\N";
  EndValue();
  return *this;
}

void CopyInto(soci::session& session, std::string_view table, std::string_view columns,
              const CopyRows& rows) {
  if (rows.rows() == 0) return;
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PGconn* connection = backend->conn_;
  const std::string sql =
      "COPY " + std::string(table) + " (" + std::string(columns) + ") FROM STDIN";
  PGresult* started = PQexec(connection, sql.c_str());
  if (started == nullptr || PQresultStatus(started) != PGRES_COPY_IN) {
    Throw(connection, started, "cannot start copying into " + std::string(table));
  }
  PQclear(started);
  const std::string& data = rows.data();
  bool sent = true;
  for (std::size_t at = 0; at < data.size() && sent; at += kChunkBytes) {
    const std::size_t n = std::min(kChunkBytes, data.size() - at);
    sent = PQputCopyData(connection, data.data() + at, static_cast<int>(n)) == 1;
  }
  // Ending with an error message makes the server abort the COPY; it answers with the error.
  const int ended = PQputCopyEnd(connection, sent ? nullptr : "client could not send the rows");
  PGresult* result = PQgetResult(connection);
  const bool ok =
      ended == 1 && result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK && sent;
  // The connection is ready for the next statement only once every result is read.
  PGresult* extra = nullptr;
  while ((extra = PQgetResult(connection)) != nullptr) PQclear(extra);
  if (!ok) Throw(connection, result, "cannot copy into " + std::string(table));
  PQclear(result);
}

void CopyThenInsert(soci::session& session, std::string_view table, std::string_view columns,
                    const CopyRows& rows, std::string_view tail) {
  if (rows.rows() == 0) return;
  const std::string t(table), c(columns);
  const std::string load = CopyIntoTemp(session, table, columns, rows);
  session << "INSERT INTO " + t + " (" + c + ") SELECT " + c + " FROM " + load + " " +
                 std::string(tail);
  session << "DROP TABLE " + load;
}

std::string CopyIntoTemp(soci::session& session, std::string_view table, std::string_view columns,
                         const CopyRows& rows) {
  const std::string t(table), c(columns);
  const std::string load = "pairwise_load_" + t;
  session << "CREATE TEMP TABLE " + load + " ON COMMIT DROP AS SELECT " + c + " FROM " + t +
                 " WITH NO DATA";
  CopyInto(session, load, columns, rows);
  return load;
}

std::vector<std::int64_t> ReserveIds(soci::session& session, std::string_view table,
                                     std::size_t count) {
  std::vector<std::int64_t> ids;
  if (count == 0) return ids;
  ids.reserve(count);
  const long long n = static_cast<long long>(count);
  std::vector<long long> piece(kFetchBatch);
  soci::statement st =
      OnceStatement(session,
                    "SELECT nextval(pg_get_serial_sequence('" + std::string(table) +
                        "', 'id')) FROM generate_series(1, :n)",
                    soci::use(n), soci::into(piece));
  for (bool more = st.execute(true); more; more = st.fetch()) {
    ids.insert(ids.end(), piece.begin(), piece.end());
    piece.resize(kFetchBatch);
  }
  return ids;
}

}  // namespace pairwise::storage
