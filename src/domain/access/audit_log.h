// The audit log: an append-only record of security-relevant and administrative actions
// (sign-in, failed sign-in, sign-out, password change, import, role change, token issue and
// revocation, data export, SCIM changes). Admins read it; nothing updates or deletes entries.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/access/actor.h"

namespace pairwise::domain {

struct AuditEntry {
  int64_t id = 0;      // assigned by storage, increasing
  std::string at;      // ISO 8601 UTC, assigned by the log ("2026-11-23T10:15:00Z")
  std::string actor;   // Actor::Describe(), or "anonymous" / the email tried for a failed sign-in
  std::string action;  // stable snake_case verb: "sign_in", "sign_in_failed", "import_people",
                       // "role_granted", "api_token_created", "scim_user_deactivated", ...
  std::string target;  // what it was done to: "person E1234", "api token 3"; may be empty
  std::string detail;  // free text for humans: counts, the roles changed; never secrets
  std::string remote_address;
};

// Thread-safe. Implemented by storage (a table) and by an in-memory fake.
class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends one entry (id and at are assigned). Unavailable/Internal from storage.
  virtual Status Record(AuditEntry entry) = 0;
};

// Records that `actor` did `action` to `target`. The change it reports is already made, so a
// failure to record is not returned: the log reports its own failures.
inline void RecordAudit(AuditLog& log, const Actor& actor, std::string action, std::string target,
                        std::string detail) {
  AuditEntry entry;
  entry.actor = actor.Describe();
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.detail = std::move(detail);
  entry.remote_address = actor.remote_address;
  (void)log.Record(std::move(entry));
}

}  // namespace pairwise::domain
