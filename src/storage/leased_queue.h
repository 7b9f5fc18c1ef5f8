// The claim of the leased work queues (mail outbox, webhook deliveries, matching runs, scheduler
// ticks): one rule for how a claimer skips the rows another claimer holds, and one statement that
// writes the lease on what it claimed. Several servers share one PostgreSQL (docs/architecture.md).
#pragma once

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"

namespace pairwise::storage {

// What a claim's SELECT ends with. PostgreSQL: rows another claimer has locked are skipped, not
// waited for, and the lease written in the same transaction keeps them skipped after it commits.
// SQLite: the write transaction (BEGIN IMMEDIATE) already admits one claimer at a time.
inline std::string_view SkipLockedRows(DatabaseKind kind) {
  return kind == DatabaseKind::kPostgresql ? " FOR UPDATE SKIP LOCKED" : "";
}

// Writes `claimer`'s lease (`lease_column` = `until`, `claimed_by` = `claimer`) on the rows `ids`
// of `table`, in one statement whatever their number. Call inside the claim's write transaction.
// `table` and `lease_column` are the caller's constants, never input; the ids are integers.
// Throws what SOCI throws (the transaction's runner turns it into a Status).
inline void WriteLeases(soci::session& s, std::string_view table, std::string_view lease_column,
                        const std::vector<long long>& ids, const std::string& claimer,
                        long long until) {
  if (ids.empty()) return;
  std::string sql = "UPDATE " + std::string(table) + " SET claimed_by = :claimer, " +
                    std::string(lease_column) + " = :until WHERE id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) sql += ',';
    sql += std::to_string(ids[i]);
  }
  sql += ')';
  s << sql, soci::use(claimer), soci::use(until);
}

}  // namespace pairwise::storage
