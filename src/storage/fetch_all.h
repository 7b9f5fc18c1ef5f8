// Reading a whole result set in batches of column vectors, for the SOCI repositories.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace pairwise::storage {

// Rows per fetch round trip.
inline constexpr std::size_t kFetchBatch = 512;

// Prepares `sql`, lets `bind(statement&)` add the use() elements, then fetches every row in
// batches into `columns` and hands each batch to `consume(columns)`. `Columns` has
// Resize(std::size_t) and Bind(soci::statement&) (one into() per vector); SOCI shrinks the
// vectors to the rows read. Throws what SOCI throws (callers turn it into a Status).
template <typename Columns, typename Bind, typename Consume>
void FetchAll(soci::session& session, std::string_view sql, Bind&& bind, Columns& columns,
              Consume&& consume) {
  soci::statement st(session);
  columns.Resize(kFetchBatch);
  columns.Bind(st);
  bind(st);
  st.alloc();
  st.prepare(std::string(sql));
  st.define_and_bind();
  bool more = st.execute(true);
  while (more) {
    consume(columns);
    columns.Resize(kFetchBatch);
    more = st.fetch();
  }
}

}  // namespace pairwise::storage
