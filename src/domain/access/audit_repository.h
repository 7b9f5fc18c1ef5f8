// The audit log's storage: appends (AuditLog) and reads, newest first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access/audit_log.h"

namespace pairwise::domain {

struct AuditQuery {
  int64_t before_id = 0;  // keyset: entries with a smaller id; 0: from the newest
  int limit = 50;         // 1..kMaxAuditPageSize
  std::string action;     // only this action; empty: all
};
inline constexpr int kMaxAuditPageSize = 200;

// Thread-safe. Implemented over a table (src/storage/audit_log.cpp) and in memory.
class AuditRepository : public AuditLog {
 public:
  // Entries by decreasing id. InvalidArgument for a limit out of range.
  virtual Result<std::vector<AuditEntry>> List(const AuditQuery& query) = 0;
};

}  // namespace pairwise::domain
