#include "domain/people/department_resolver.h"

#include "common/text.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain {

namespace {

constexpr std::size_t kMaxDepartmentNameBytes = 200;  // as CheckDirectoryRecords checks names
constexpr std::size_t kMaxCodeChars = 64;

bool IsCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

DepartmentResolver::DepartmentResolver(const std::vector<Department>& stored) {
  for (const Department& d : stored) {
    codes_.insert(d.code);
    code_by_name_.emplace(AsciiLower(d.name), d.code);
  }
}

std::string DepartmentResolver::NewCode(std::string_view value) const {
  std::string base;
  if (IsValidKey(value)) {
    base.assign(value);
  } else {
    for (char c : value) {
      if (IsCodeChar(c)) {
        base.push_back(c);
      } else if (!base.empty() && base.back() != '-') {
        base.push_back('-');
      }
    }
    while (!base.empty() && base.back() == '-') base.pop_back();
    if (base.size() > kMaxCodeChars) base.resize(kMaxCodeChars);
    if (base.empty()) base = "DEPT";
  }
  std::string code = base;
  for (int n = 2; codes_.contains(code); ++n) {
    const std::string suffix = "-" + std::to_string(n);
    code = base.substr(0, kMaxCodeChars - suffix.size()) + suffix;
  }
  return code;
}

std::optional<DepartmentResolver::Resolution> DepartmentResolver::Resolve(std::string_view value) {
  if (const std::string key(value); codes_.contains(key)) return Resolution{key, false};
  if (auto it = code_by_name_.find(AsciiLower(value)); it != code_by_name_.end()) {
    return Resolution{it->second, false};
  }
  if (!IsValidText(value, kMaxDepartmentNameBytes) || value.empty()) return std::nullopt;
  Department created{NewCode(value), std::string(value), std::string(kNewDepartmentDivision)};
  codes_.insert(created.code);
  code_by_name_.emplace(AsciiLower(created.name), created.code);
  created_.push_back(created);
  return Resolution{created.code, true};
}

}  // namespace pairwise::domain
