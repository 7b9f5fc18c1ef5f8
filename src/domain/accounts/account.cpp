#include "domain/accounts/account.h"

namespace pairwise::domain {

std::string_view AccountStatusName(AccountStatus status) {
  switch (status) {
    case AccountStatus::kInvited:
      return "invited";
    case AccountStatus::kActive:
      return "active";
    case AccountStatus::kDisabled:
      return "disabled";
  }
  return "unknown";
}

std::optional<AccountStatus> ParseAccountStatus(std::string_view name) {
  if (name == "invited") return AccountStatus::kInvited;
  if (name == "active") return AccountStatus::kActive;
  if (name == "disabled") return AccountStatus::kDisabled;
  return std::nullopt;
}

std::string_view OneTimePurposeName(OneTimePurpose purpose) {
  return purpose == OneTimePurpose::kInvitation ? "invitation" : "reset";
}

std::optional<OneTimePurpose> ParseOneTimePurpose(std::string_view name) {
  if (name == "invitation") return OneTimePurpose::kInvitation;
  if (name == "reset") return OneTimePurpose::kReset;
  return std::nullopt;
}

}  // namespace pairwise::domain
