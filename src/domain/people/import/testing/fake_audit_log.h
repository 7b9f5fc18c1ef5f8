// An in-memory AuditLog for tests: keeps the entries, and can be told to fail.
#pragma once

#include <mutex>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/access/audit_log.h"

namespace pairwise::domain::testing {

class FakeAuditLog final : public AuditLog {
 public:
  Status Record(AuditEntry entry) override {
    std::lock_guard lock(mutex_);
    if (!failure_.ok()) return failure_;
    entry.id = static_cast<int64_t>(entries_.size()) + 1;
    entry.at = "2026-11-23T00:00:00Z";
    entries_.push_back(std::move(entry));
    return Status::Ok();
  }
  std::vector<AuditEntry> entries() {
    std::lock_guard lock(mutex_);
    return entries_;
  }
  void FailWith(Status failure) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(failure);
  }

 private:
  std::mutex mutex_;
  std::vector<AuditEntry> entries_;
  Status failure_;
};

}  // namespace pairwise::domain::testing
