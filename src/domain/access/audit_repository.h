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

// Thread-safe. Implemented over the audit_log table (SqlAuditLog in
// src/storage/account_repository.cpp, made by storage::MakeAuditLog) and in memory
// (src/storage/memory/memory_account_repository.h).
class AuditRepository : public AuditLog {
 public:
  // Entries by decreasing id. InvalidArgument for a limit out of range.
  virtual Result<std::vector<AuditEntry>> List(const AuditQuery& query) = 0;
};

}  // namespace pairwise::domain
