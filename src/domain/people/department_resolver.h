// Which department a value from another system names, and the departments to create for the
// values that name none. One rule for the CSV import and SCIM provisioning: a value names a
// stored (or already created) department by its code exactly, else by its name ignoring ASCII
// case (the first by code when names repeat); any other value is a new department, created with
// that value as its name in division "Unassigned" and a code made from it (the value itself when
// it is a valid code; else its letters, digits, '.', '_' and '-' with other runs turned into
// '-', at most 64 characters, "-2", "-3", ... added when taken). Not thread-safe: one per batch.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/people/person.h"

namespace pairwise::domain {

inline constexpr std::string_view kNewDepartmentDivision = "Unassigned";

class DepartmentResolver {
 public:
  explicit DepartmentResolver(const std::vector<Department>& stored);

  struct Resolution {
    std::string code;
    bool created = false;  // this call created the department (see created())
  };
  // The department `value` names, created when it names none. Nullopt when `value` cannot be a
  // department's name (empty, over 200 bytes, not UTF-8, control characters, surrounding
  // spaces): the caller reports it.
  std::optional<Resolution> Resolve(std::string_view value);

  // The departments Resolve created, in order: to be written before the people naming them.
  const std::vector<Department>& created() const { return created_; }

 private:
  std::string NewCode(std::string_view value) const;

  std::unordered_set<std::string> codes_;
  std::unordered_map<std::string, std::string> code_by_name_;  // lower-cased name -> code
  std::vector<Department> created_;
};

}  // namespace pairwise::domain
