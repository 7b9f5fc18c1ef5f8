// Reading a whole result set in batches of column vectors, for the SOCI repositories.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace pairwise::storage {

// Rows per batch handed to the consumer (PostgreSQL sends the whole result set at once).
inline constexpr std::size_t kFetchBatch = 512;

// Prepares `st`, whose into() and use() elements are exchanged, to be executed once with `sql`:
// on PostgreSQL that is one round trip (PQexecParams, the whole result set at once) where a named
// prepared statement costs three (PREPARE, EXECUTE, DEALLOCATE when the statement dies); SQLite
// prepares it as always. A statement executed many times (in a loop) stays prepared instead.
inline void PrepareOnce(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql, soci::details::st_one_time_query);
  st.define_and_bind();
}

// A statement to execute once (PrepareOnce) with its soci::into() and soci::use() `elements`,
// written where `(session.prepare << sql, elements...)` would be.
template <typename... Elements>
soci::statement OnceStatement(soci::session& session, const std::string& sql,
                              const Elements&... elements) {
  soci::statement st(session);
  (st.exchange(elements), ...);
  PrepareOnce(st, sql);
  return st;
}

// Runs `sql` once (PrepareOnce), letting `bind(statement&)` add the use() elements, then fetches
// every row in batches into `columns` and hands each batch to `consume(columns)`. `Columns` has
// Resize(std::size_t) and Bind(soci::statement&) (one into() per vector); SOCI shrinks the
// vectors to the rows read. Throws what SOCI throws (callers turn it into a Status).
template <typename Columns, typename Bind, typename Consume>
void FetchAll(soci::session& session, std::string_view sql, Bind&& bind, Columns& columns,
              Consume&& consume) {
  soci::statement st(session);
  columns.Resize(kFetchBatch);
  columns.Bind(st);
  bind(st);
  PrepareOnce(st, std::string(sql));
  bool more = st.execute(true);
  while (more) {
    consume(columns);
    columns.Resize(kFetchBatch);
    more = st.fetch();
  }
}

}  // namespace pairwise::storage
