// Accounts: how people sign in. An account belongs to one directory person (by employee id; its
// email and name come from the person), holds a password hash and roles. Sessions, one-time
// tokens (invitations, password resets) and API tokens are stored by the hash of their secret
// only. Plain values; the rules live in AccountService.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "domain/access/actor.h"

namespace pairwise::domain {

enum class AccountStatus {
  kInvited,   // created by an admin; no password until the invitation is redeemed
  kActive,    // may sign in
  kDisabled,  // may not sign in
};
// "invited" | "active" | "disabled".
std::string_view AccountStatusName(AccountStatus status);
std::optional<AccountStatus> ParseAccountStatus(std::string_view name);

struct Account {
  AccountId id;
  std::string employee_id;
  std::string email;  // the person's, as the directory states it
  std::string name;   // "First Last"
  AccountStatus status = AccountStatus::kInvited;
  std::vector<Role> roles;    // sorted, no repeats
  std::string password_hash;  // empty when none is set
  TimePoint created_at;
  bool person_left = false;  // the person has left the organization: may not sign in
};

struct NewAccount {
  std::string employee_id;
  AccountStatus status = AccountStatus::kInvited;
  std::vector<Role> roles;
  std::string password_hash;  // may be empty
  TimePoint created_at;
};

struct Session {
  int64_t id = 0;
  std::string token_hash;  // Sha256Hex of the cookie's value
  std::string csrf_token;
  AccountId account_id;
  TimePoint created_at;
  TimePoint last_seen_at;         // idle expiry counts from here
  TimePoint absolute_expires_at;  // never valid after this, however active
  std::string remote_address;
};

enum class OneTimePurpose { kInvitation, kReset };
// "invitation" | "reset".
std::string_view OneTimePurposeName(OneTimePurpose purpose);
std::optional<OneTimePurpose> ParseOneTimePurpose(std::string_view name);

struct OneTimeToken {
  int64_t id = 0;
  std::string token_hash;
  OneTimePurpose purpose = OneTimePurpose::kInvitation;
  AccountId account_id;
  TimePoint created_at;
  TimePoint expires_at;
  std::optional<TimePoint> used_at;
};

struct ApiToken {
  ApiTokenId id;
  std::string name;
  std::string token_hash;
  std::vector<std::string> scopes;  // sorted, no repeats
  TimePoint created_at;
  std::optional<TimePoint> expires_at;
  std::optional<TimePoint> revoked_at;
  std::optional<TimePoint> last_used_at;
  AccountId created_by;
};

// Failed sign-ins within a window, for rate limiting.
struct FailureWindow {
  int64_t count = 0;
  std::optional<TimePoint> oldest;  // the earliest failure counted
};

}  // namespace pairwise::domain
