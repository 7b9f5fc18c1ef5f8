// Sizing of the vectors SOCI reads a bounded query into.
#pragma once

#include <algorithm>
#include <cstddef>

namespace pairwise::storage {

// Rows to allocate for a vector `into` of a query with LIMIT `limit`. SOCI 4.0.3's SQLite
// backend fetches nothing into a vector of one element, so never fewer than two: LIMIT still
// bounds the rows, and the vector shrinks to what was read.
inline std::size_t VectorRows(int limit) { return static_cast<std::size_t>(std::max(limit, 2)); }

}  // namespace pairwise::storage
