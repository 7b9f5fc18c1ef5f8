#include "domain/sso/sso.h"

namespace pairwise::domain {

std::string_view SsoMatchByName(SsoMatchBy match_by) {
  return match_by == SsoMatchBy::kEmail ? "email" : "employee_id";
}

std::optional<SsoMatchBy> ParseSsoMatchBy(std::string_view name) {
  if (name == "email") return SsoMatchBy::kEmail;
  if (name == "employee_id") return SsoMatchBy::kEmployeeId;
  return std::nullopt;
}

}  // namespace pairwise::domain
