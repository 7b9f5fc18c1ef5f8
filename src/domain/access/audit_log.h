// The audit log: an append-only record of security-relevant and administrative actions
// (sign-in, failed sign-in, sign-out, password change, import, role change, token issue and
// revocation, data export, SCIM changes). Admins read it; nothing updates or deletes entries.
#pragma once

#include <cstdint>
#include <string>
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

}  // namespace pairwise::domain
